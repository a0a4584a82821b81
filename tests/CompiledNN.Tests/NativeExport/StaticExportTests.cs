using System;
using CompiledNN.Runtime;
using CompiledNN.Samples.NativeLibrary;
using Xunit;

namespace CompiledNN.Tests.NativeExport;

/// <summary>
/// The C functions of an inference-only network (the native library sample's Iris network), called through their
/// unmanaged function pointers: the bits of <c>Predict</c>, and a status code and message for every bad argument.
/// </summary>
public sealed unsafe class StaticExportTests
{
    private static readonly Type Network = typeof(IrisNet);

    private static readonly delegate* unmanaged<nint, int, nint, int, int> Predict =
        (delegate* unmanaged<nint, int, nint, int, int>)Exports.Of(Network, "iris_predict");

    private static readonly delegate* unmanaged<nint, int, nint, int> PredictBatch =
        (delegate* unmanaged<nint, int, nint, int>)Exports.Of(Network, "iris_predict_batch");

    private static string LastError => Exports.LastError(Network, "iris");

    private static float[] Flowers(int rows)
    {
        var random = new Random(7);
        float[] inputs = new float[rows * IrisNet.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)(random.NextDouble() * 8.0);
        }

        return inputs;
    }

    [Fact]
    public void Exports_the_sizes_prediction_and_last_error_and_nothing_else()
    {
        Assert.Equal(["iris_input_size", "iris_last_error", "iris_output_size", "iris_parameter_count", "iris_predict", "iris_predict_batch"], Exports.EntryPoints(Network));
        Assert.Equal(4, ((delegate* unmanaged<int>)Exports.Of(Network, "iris_input_size"))());
        Assert.Equal(3, ((delegate* unmanaged<int>)Exports.Of(Network, "iris_output_size"))());
        Assert.Equal(67, ((delegate* unmanaged<int>)Exports.Of(Network, "iris_parameter_count"))());
    }

    [Fact]
    public void Predict_and_predict_batch_give_the_bits_of_the_CSharp_network()
    {
        const int rows = 37;
        float[] inputs = Flowers(rows);
        float[] expected = new float[rows * IrisNet.OutputSize];
        IrisNet.PredictBatch(inputs, expected);

        float[] single = new float[expected.Length];
        float[] batch = new float[expected.Length];
        fixed (float* x = inputs)
        fixed (float* y = single)
        fixed (float* z = batch)
        {
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(NativeStatus.Ok, Predict((nint)(x + (r * 4)), 4, (nint)(y + (r * 3)), 3));
            }

            Assert.Equal(NativeStatus.Ok, PredictBatch((nint)x, rows, (nint)z));
        }

        Assert.Equal(Bits(expected), Bits(single));
        Assert.Equal(Bits(expected), Bits(batch));
    }

    [Theory]
    [InlineData(3, 3, NativeStatus.WrongLength, "Expected 4 input features, but input_length is 3.")]
    [InlineData(5, 3, NativeStatus.WrongLength, "Expected 4 input features, but input_length is 5.")]
    [InlineData(-1, 3, NativeStatus.WrongLength, "Expected 4 input features, but input_length is -1.")]
    [InlineData(4, 2, NativeStatus.WrongLength, "Expected 3 outputs, but output_length is 2.")]
    public void Wrong_lengths_are_WrongLength_with_what_was_expected(int inputLength, int outputLength, int status, string message)
    {
        float[] input = [5.1f, 3.5f, 1.4f, 0.2f];
        float[] output = [-1f, -1f, -1f];
        fixed (float* x = input)
        fixed (float* y = output)
        {
            Assert.Equal(status, Predict((nint)x, inputLength, (nint)y, outputLength));
        }

        Assert.Equal(message, LastError);
        Assert.Equal([-1f, -1f, -1f], output);
    }

    [Fact]
    public void Null_pointers_are_NullPointer()
    {
        float[] input = [5.1f, 3.5f, 1.4f, 0.2f];
        float[] output = new float[3];
        fixed (float* x = input)
        fixed (float* y = output)
        {
            Assert.Equal(NativeStatus.NullPointer, Predict(0, 4, (nint)y, 3));
            Assert.Equal("Expected a pointer to input, but it is null.", LastError);
            Assert.Equal(NativeStatus.NullPointer, Predict((nint)x, 4, 0, 3));
            Assert.Equal(NativeStatus.NullPointer, PredictBatch(0, 1, (nint)y));
            Assert.Equal(NativeStatus.NullPointer, PredictBatch((nint)x, 1, 0));
        }

        // No rows need no memory.
        Assert.Equal(NativeStatus.Ok, PredictBatch(0, 0, 0));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_inputs_are_NotFinite_and_write_nothing(float value)
    {
        float[] inputs = Flowers(3);
        inputs[9] = value;
        float[] outputs = [.. new float[9]];
        Array.Fill(outputs, -1f);
        fixed (float* x = inputs)
        fixed (float* y = outputs)
        {
            Assert.Equal(NativeStatus.NotFinite, PredictBatch((nint)x, 3, (nint)y));
            Assert.Equal($"Expected finite values, but inputs[9] is {value}; nothing was changed.", LastError);
            Assert.Equal(NativeStatus.NotFinite, Predict((nint)(x + 8), 4, (nint)y, 3));
        }

        Assert.All(outputs, static o => Assert.Equal(-1f, o));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Impossible_row_counts_are_WrongLength(int rows)
    {
        float[] inputs = Flowers(1);
        float[] outputs = new float[3];
        fixed (float* x = inputs)
        fixed (float* y = outputs)
        {
            Assert.Equal(NativeStatus.WrongLength, PredictBatch((nint)x, rows, (nint)y));
        }

        Assert.StartsWith("Expected a number of rows from 0 to ", LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_error_belongs_to_the_thread_that_failed()
    {
        Assert.Equal(NativeStatus.NullPointer, Predict(0, 4, 0, 3));
        string elsewhere = "";
        var thread = new System.Threading.Thread(() => elsewhere = LastError);
        thread.Start();
        thread.Join();

        Assert.Equal("", elsewhere);
        Assert.Equal("Expected a pointer to input, but it is null.", LastError);
    }

    private static uint[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToUInt32Bits);
}
