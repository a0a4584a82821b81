using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// The generated source of representative networks, file by file, against reviewed snapshots in <c>Snapshots/</c>.
/// Each network's output must also compile without a warning. Rerun with <c>ACCEPT_SNAPSHOTS=1</c> after an intended
/// change and review the diff of the <c>.verified.cs</c> files.
/// </summary>
public sealed class GeneratorSnapshotTests
{
    [Fact]
    public void Iris()
    {
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Iris;

            [Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
            [Input(4)]
            [Dense(16, Activation.ReLU)]
            [Dense(16, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class IrisNet;
            """);
    }

    [Fact]
    public void DropoutOnTheInputsAndAHiddenLayer()
    {
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Dropout;

            [Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
            [Input(4)]
            [Dropout(0.1f)]
            [Dense(16, Activation.ReLU)]
            [Dropout(0.5f)]
            [Dense(3, Activation.Softmax)]
            public partial class DropoutNet;
            """);
    }

    [Fact]
    public void BatchNormAndLayerNorm()
    {
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Normalization;

            [Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
            [Input(4)]
            [Dense(16)]
            [BatchNorm(Activation.ReLU, Momentum = 0.2f)]
            [Dense(8)]
            [LayerNorm(Activation.GELU)]
            [Dense(3, Activation.Softmax)]
            public partial class NormNet;
            """);
    }

    [Fact]
    public void ConvolutionsPoolingAndFlatten()
    {
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Convolutions;

            [Network(Optimizer = Optimizer.Adam)]
            [Input(1, 12, 12)]
            [Conv2D(4, 3, Activation.ReLU, Padding = 1)]
            [MaxPool2D(2)]
            [Conv2D(8, 3, Activation.ReLU, Stride = 2)]
            [Flatten]
            [Dense(10, Activation.Softmax)]
            public partial class ConvNet;
            """);
    }

    [Fact]
    public void SigmoidBinaryClassifierNestedInContainingTypes()
    {
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Screening
            {
                public static partial class Models
                {
                    internal partial class Clinic
                    {
                        [Network(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, Init = Initialization.XavierNormal)]
                        [Input(6)]
                        [Dense(8, Activation.Tanh)]
                        [Dense(1, Activation.Sigmoid)]
                        public sealed partial class RiskClassifier;
                    }
                }
            }
            """);
    }

    [Fact]
    public void ExportedAsCFunctionsFromANestedClass()
    {
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Native;

            public static partial class Models
            {
                [Network(Optimizer = Optimizer.Momentum, LearningRate = 0.05f)]
                [Input(2)]
                [Dense(4, Activation.Tanh)]
                [Dense(1, Activation.Sigmoid)]
                [NativeExport("xor")]
                public sealed partial class XorNet;
            }
            """,
            concern: "NativeExport");
    }

    [Fact]
    public void RegressionInTheGlobalNamespace()
    {
        VerifyGenerated("""
            using CompiledNN;

            [Network(Optimizer = Optimizer.RMSProp, Init = Initialization.HeNormal)]
            [Input(3)]
            [Dense(12, Activation.LeakyReLU, Alpha = 0.05f)]
            [Dense(10, Activation.ELU)]
            [Dense(8, Activation.Softplus)]
            [Dense(6, Activation.Tanh)]
            [Dense(2)]
            public partial class HousePriceRegressor;
            """);
    }

    [Fact]
    public void LargeLayersVectorizedWithPooledScratch()
    {
        // 16 weights are unrolled; 2 × 4,200 and 4,200 × 3 exceed Thresholds.UnrollWeights and become SIMD loops;
        // 8 + 4,200 hidden activations (16,832 bytes) exceed Thresholds.StackBudgetBytes and come from the pool.
        Assert.True(2 * 4200 > Planning.Thresholds.UnrollWeights && 2 * 8 <= Planning.Thresholds.UnrollWeights);
        Assert.True((8 + 4200) * sizeof(float) > Planning.Thresholds.StackBudgetBytes);

        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Wide;

            [Network]
            [Input(2)]
            [Dense(8, Activation.Tanh)]
            [Dense(4200, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class WideNet;
            """);
    }

    [Fact]
    public void LayersSharedBetweenThreads()
    {
        // 900 × 256 (225 k weights) shares its units between threads for one row, from a packed copy of its weights;
        // 256 × 656 (164 k) is too small to share, but wider than a tile, so one thread reads its packed copy; 656 × 400
        // (256.25 k) also shares its units for batches, whose rows then stay together; 400 × 64 has a single panel of
        // units, nothing to share.
        Assert.True(900 * 256 >= Planning.Thresholds.RowShareWeights && 900 * 256 < Planning.Thresholds.LayerSplitWeights);
        Assert.True(256 * 656 >= Planning.Thresholds.RowSplitWeights && 256 * 656 < Planning.Thresholds.RowShareWeights);
        Assert.True(656 * 400 >= Planning.Thresholds.LayerSplitWeights);

        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Shared;

            [Network(Optimizer = Optimizer.Adam)]
            [Input(900)]
            [Dense(256, Activation.ReLU)]
            [Dense(656, Activation.ReLU)]
            [Dense(400, Activation.ReLU)]
            [Dense(64, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class SharedNet;

            // No layer of 256 k weights: batches share their rows between threads, and read the packed panels.
            [Network(Optimizer = Optimizer.Adam)]
            [Input(900)]
            [Dense(256, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class RowSharedNet;
            """);
    }

    [Fact]
    public void ForcedCodeShapes()
    {
        // A large layer forced to straight-line code and a small one forced to a SIMD loop.
        VerifyGenerated("""
            using CompiledNN;

            namespace Samples.Shapes;

            [Network(CodeShape = CodeShape.Unrolled)]
            [Input(40)]
            [Dense(30, Activation.Sigmoid)]
            [Dense(2, Activation.Softmax)]
            public partial class AlwaysUnrolled;

            [Network(CodeShape = CodeShape.Vectorized)]
            [Input(2)]
            [Dense(2, Activation.ReLU)]
            [Dense(1)]
            public partial class AlwaysVectorized;
            """);
    }

    /// <summary>Snapshots every generated file under its hint name and fails on snapshots of files no longer generated.</summary>
    /// <summary>Checks every generated file against its snapshot, or only the <paramref name="concern"/> file when the others are covered elsewhere.</summary>
    private static void VerifyGenerated(string source, string? concern = null, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        GeneratorRunResult result = GeneratorHarness.RunAndCompileCleanly(source);
        Assert.NotEmpty(result.GeneratedSources);

        var expected = new List<string>();
        IEnumerable<GeneratedSourceResult> files = result.GeneratedSources.Where(s => concern is null || s.HintName.EndsWith("." + concern + ".g.cs", System.StringComparison.Ordinal));
        Assert.NotEmpty(files);
        foreach (GeneratedSourceResult file in files.OrderBy(static s => s.HintName, System.StringComparer.Ordinal))
        {
            // Verify's convention: the hint name without its ".cs", so the file reads Class.Method#Name.g.verified.cs.
            string name = Path.GetFileNameWithoutExtension(file.HintName);
            Snapshot.Verify(file.SourceText.ToString(), name, testFile: testFile, testMethod: testMethod);
            expected.Add($"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}#{name}.verified.cs");
        }

        string[] present = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots"), $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}#*.verified.cs")
            .Select(Path.GetFileName)
            .ToArray()!;
        Assert.Empty(present.Except(expected));
    }
}
