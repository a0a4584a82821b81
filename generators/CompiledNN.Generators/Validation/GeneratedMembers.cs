using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The members the generator adds to a <c>[Network]</c> class, public and private: a user member with the same
/// signature would be a compile error inside generated code, so the validator reports it first (CNN0015). Written as
/// the parser writes user members (<see cref="Parsing.NetworkParser.MemberSignature"/>): methods with their parameter
/// types, so that a user's overload with other parameters does not count as a collision. A test checks that every
/// member the emitters write is listed.
/// </summary>
internal static partial class GeneratedMembers
{
    /// <summary>What every network gets.</summary>
    public static readonly string[] Network =
    [
        ".ctor()",
        ".ctor(int)",
        "InputSize",
        "OutputSize",
        "ParameterCount",
        "Predict(System.ReadOnlySpan<float>,System.Span<float>)",
        "PredictClass(System.ReadOnlySpan<float>)",
        "PredictBatch(System.ReadOnlySpan<float>,System.Span<float>)",
        "GetParameters(System.Span<float>)",
        "SetParameters(System.ReadOnlySpan<float>)",
        "LearningRate",
        "TrainStep(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "TrainBatch(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "ComputeLoss(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "ComputeGradient(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.Span<float>)",
        "ResetOptimizer()",
        "Architecture",
        "Save(System.IO.Stream)",
        "Save(string)",
        "Load(System.IO.Stream)",
        "Load(string)",
        "LoadParameters(System.IO.Stream)",
        "LoadParameters(string)",
        "MaxDegreeOfParallelism",
    ];

    /// <summary>The class-index overloads of a network with a Softmax output.</summary>
    public static readonly string[] Classifier =
    [
        "TrainStep(System.ReadOnlySpan<float>,int)",
        "TrainBatch(System.ReadOnlySpan<float>,System.ReadOnlySpan<int>)",
        "ComputeLoss(System.ReadOnlySpan<float>,System.ReadOnlySpan<int>)",
        "ComputeGradient(System.ReadOnlySpan<float>,System.ReadOnlySpan<int>,System.Span<float>)",
    ];

    /// <summary>Every member of a network with <paramref name="layers"/> dense layers.</summary>
    public static IEnumerable<string> For(int layers, bool classifier) =>
        Network.Concat(classifier ? Classifier : []).Concat(Private).Concat(Enumerable.Range(1, layers).SelectMany(PerLayer));

    /// <summary>The implementation's own members, which a user member must not collide with either.</summary>
    private static readonly string[] Private =
    [
        "_parameters",
        "_gradient",
        "_learningRate",
        "_optimizerState",
        "_step",
        "_beta1Power",
        "_beta2Power",
        "_updatedParameters",
        "_updatedOptimizerState",
        "_stepOutOfRange",
        "_architecture",
        "_trainingScratch",
        "TrainingScratchSize",
        "_maxDegreeOfParallelism",
        "_chunkGradients",
        "_chunkLosses",
        "_waveFirstChunk",
        "_waveScale",
        "_waveWantsGradient",
        "_waveChunks",
        "_waveReducing",
        "_waveStepping",
        "ReductionRange",
        "ChunkRows",
        "ParallelPredictRows",
        "HiddenSize",
        "ToInternalLayout(System.ReadOnlySpan<float>,System.Span<float>)",
        "ToCanonicalLayout(System.ReadOnlySpan<float>,System.Span<float>)",
        "PredictRows(System.ReadOnlySpan<float>,System.Span<float>,int,int,float[])",
        "Forward(System.ReadOnlySpan<float>,System.Span<float>)",
        "Forward(System.ReadOnlySpan<float>,System.Span<float>,int,System.Span<float>)",
        "ForwardForTraining(System.ReadOnlySpan<float>,int,float[])",
        "Backward(System.ReadOnlySpan<float>,int,float[],System.Span<float>)",
        "EvaluateInParallel(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.ReadOnlySpan<int>,int,float,bool)",
        "ReduceRange(int)",
        "RunTrainingChunk(int,int,CompiledNN.Runtime.BatchSpans)",
        "TrainingScratch(int)",
        "EvaluateChunk(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.ReadOnlySpan<int>,int,float,System.Span<float>,float[])",
        "Train(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.ReadOnlySpan<int>,int)",
        "Evaluate(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.ReadOnlySpan<int>,int,System.Span<float>)",
        "EvaluateRow(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.ReadOnlySpan<int>)",
        "ApplyOptimizerStep()",
        "StepParameters(int,int)",

        // A network with layers of 64 units or more keeps a packed copy of their weights.
        "_packed",
        "_parametersVersion",
        "_packedVersion",
        "_packLock",
        "PackedWeights()",
        "_rowsWithoutPacking",
        "PackedWeightsForRow()",
    ];

    private static IEnumerable<string> PerLayer(int number) =>
        PerLayerFormats.Select(format => string.Format(CultureInfo.InvariantCulture, format, number));

    /// <summary>The members each layer gets, <c>{0}</c> standing for its number.</summary>
    private static readonly string[] PerLayerFormats =
    [
        "Dense{0}Weights",
        "Dense{0}Bias",
        "Dense{0}Z",
        "Dense{0}A",
        "Dense{0}Delta",
        "Dense{0}Linear(System.ReadOnlySpan<float>,System.Span<float>)",
        "Dense{0}Linear(System.ReadOnlySpan<float>,System.Span<float>,int)",
        "Dense{0}Packed",

        // A ReLU layer's, whose kernel can store the activations themselves.
        "Dense{0}Linear(System.ReadOnlySpan<float>,System.Span<float>,int,bool)",
        "Dense{0}Row(System.ReadOnlySpan<float>,System.Span<float>)",

        // The first layer passes no delta on to an input, so its backward step has one span fewer.
        "Dense{0}Backward(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,int,System.Span<float>)",
        "Dense{0}Backward(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,int,System.Span<float>,System.Span<float>)",
        "Dense{0}RowBackward(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "Dense{0}RowBackward(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.Span<float>)",
    ];
}
