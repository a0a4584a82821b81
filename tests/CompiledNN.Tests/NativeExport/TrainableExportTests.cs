using System;
using System.IO;
using CompiledNN.Runtime;
using Xunit;

namespace CompiledNN.Tests.NativeExport;

/// <summary>
/// The C functions of a trainable network, called through their unmanaged function pointers: networks behind handles
/// that train, predict, save and load with the bits of the C# class, and handles that cannot be misused into a crash.
/// </summary>
public sealed unsafe class TrainableExportTests : IDisposable
{
    private static readonly Type Network = typeof(NativeTestNet);

    private static readonly delegate* unmanaged<int, nint, int> Create = (delegate* unmanaged<int, nint, int>)Export("create");
    private static readonly delegate* unmanaged<nint, nint, int> Load = (delegate* unmanaged<nint, nint, int>)Export("load");
    private static readonly delegate* unmanaged<nint, int> Destroy = (delegate* unmanaged<nint, int>)Export("destroy");
    private static readonly delegate* unmanaged<nint, int, nint, int, int> Predict = (delegate* unmanaged<nint, int, nint, int, int>)Export("predict");
    private static readonly delegate* unmanaged<nint, nint, int, nint, int, int> NetworkPredict = (delegate* unmanaged<nint, nint, int, nint, int, int>)Export("network_predict");
    private static readonly delegate* unmanaged<nint, nint, int, nint, int> NetworkPredictBatch = (delegate* unmanaged<nint, nint, int, nint, int>)Export("network_predict_batch");
    private static readonly delegate* unmanaged<nint, nint, nint, int, nint, int> TrainBatch = (delegate* unmanaged<nint, nint, nint, int, nint, int>)Export("train_batch");
    private static readonly delegate* unmanaged<nint, nint, int, int> GetParameters = (delegate* unmanaged<nint, nint, int, int>)Export("get_parameters");
    private static readonly delegate* unmanaged<nint, nint, int, int> SetParameters = (delegate* unmanaged<nint, nint, int, int>)Export("set_parameters");
    private static readonly delegate* unmanaged<nint, nint, int> Save = (delegate* unmanaged<nint, nint, int>)Export("save");

    private readonly string _directory = Directory.CreateTempSubdirectory("compilednn-native-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static nint Export(string name) => Exports.Of(Network, "native_test_" + name);

    private static string LastError => Exports.LastError(Network, "native_test");

    private static nint Created(int seed)
    {
        nint handle;
        Assert.Equal(NativeStatus.Ok, Create(seed, (nint)(&handle)));
        Assert.NotEqual(0, handle);
        return handle;
    }

    private static float[] Parameters(nint handle)
    {
        float[] parameters = new float[NativeTestNet.ParameterCount];
        fixed (float* p = parameters)
        {
            Assert.Equal(NativeStatus.Ok, GetParameters(handle, (nint)p, parameters.Length));
        }

        return parameters;
    }

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 4.0) - 2.0);
        }

        return values;
    }

    /// <summary>One-hot targets for <paramref name="rows"/> rows of two classes.</summary>
    private static float[] Targets(int rows)
    {
        float[] targets = new float[rows * 2];
        for (int r = 0; r < rows; r++)
        {
            targets[(r * 2) + (r % 2)] = 1f;
        }

        return targets;
    }

    private static int LoadFile(string path, nint* handle)
    {
        fixed (byte* p = Utf8(path))
        {
            return Load((nint)p, (nint)handle);
        }
    }

    private static int SaveFile(nint network, string path)
    {
        fixed (byte* p = Utf8(path))
        {
            return Save(network, (nint)p);
        }
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    [Fact]
    public void A_created_network_has_the_parameters_and_predictions_of_the_same_seed()
    {
        nint handle = Created(42);
        var twin = new NativeTestNet(42);
        float[] expected = new float[NativeTestNet.ParameterCount];
        twin.GetParameters(expected);
        Assert.Equal(Bits(expected), Bits(Parameters(handle)));

        float[] inputs = Values(7 * 3, 1);
        float[] batch = new float[7 * 2];
        float[] row = new float[2];
        float[] want = new float[7 * 2];
        twin.PredictBatch(inputs, want);
        fixed (float* x = inputs)
        fixed (float* y = batch)
        fixed (float* z = row)
        {
            Assert.Equal(NativeStatus.Ok, NetworkPredictBatch(handle, (nint)x, 7, (nint)y));
            Assert.Equal(NativeStatus.Ok, NetworkPredict(handle, (nint)(x + 3), 3, (nint)z, 2));
        }

        Assert.Equal(Bits(want), Bits(batch));
        Assert.Equal(Bits(want.AsSpan(2, 2).ToArray()), Bits(row));
        Assert.Equal(NativeStatus.Ok, Destroy(handle));
    }

    [Fact]
    public void Predict_without_a_handle_uses_the_network_of_the_parameterless_constructor()
    {
        float[] input = [0.5f, -1f, 2f];
        float[] output = new float[2];
        float[] expected = new float[2];
        new NativeTestNet().Predict(input, expected);
        fixed (float* x = input)
        fixed (float* y = output)
        {
            Assert.Equal(NativeStatus.Ok, Predict((nint)x, 3, (nint)y, 2));
        }

        Assert.Equal(Bits(expected), Bits(output));
    }

    [Fact]
    public void Training_steps_give_the_losses_and_parameters_of_TrainBatch_bit_for_bit()
    {
        nint handle = Created(3);
        var twin = new NativeTestNet(3);
        const int rows = 10;
        for (int step = 0; step < 5; step++)
        {
            float[] inputs = Values(rows * 3, 100 + step);
            float[] targets = Targets(rows);
            float expected = twin.TrainBatch(inputs, targets);
            float loss = float.NaN;
            fixed (float* x = inputs)
            fixed (float* t = targets)
            {
                Assert.Equal(NativeStatus.Ok, TrainBatch(handle, (nint)x, (nint)t, rows, (nint)(&loss)));
                // The loss is optional.
                Assert.Equal(NativeStatus.Ok, TrainBatch(handle, (nint)x, (nint)t, rows, 0));
            }

            twin.TrainBatch(inputs, targets);
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(loss));
        }

        float[] parameters = new float[NativeTestNet.ParameterCount];
        twin.GetParameters(parameters);
        Assert.Equal(Bits(parameters), Bits(Parameters(handle)));
        Assert.Equal(NativeStatus.Ok, Destroy(handle));
    }

    [Fact]
    public void Non_finite_data_and_wrong_row_counts_change_nothing()
    {
        nint handle = Created(5);
        float[] before = Parameters(handle);
        float[] inputs = Values(4 * 3, 9);
        float[] targets = Targets(4);
        targets[5] = float.NaN;
        fixed (float* x = inputs)
        fixed (float* t = targets)
        {
            Assert.Equal(NativeStatus.NotFinite, TrainBatch(handle, (nint)x, (nint)t, 4, 0));
            Assert.Equal("Expected finite values, but targets[5] is NaN; nothing was changed.", LastError);
            Assert.Equal(NativeStatus.WrongLength, TrainBatch(handle, (nint)x, (nint)t, 0, 0));
            Assert.Equal("Expected at least one row, but rows is 0.", LastError);
            Assert.Equal(NativeStatus.NullPointer, TrainBatch(handle, 0, (nint)t, 4, 0));
        }

        float[] bad = (float[])before.Clone();
        bad[^1] = float.PositiveInfinity;
        fixed (float* p = bad)
        {
            Assert.Equal(NativeStatus.NotFinite, SetParameters(handle, (nint)p, bad.Length));
            Assert.Equal(NativeStatus.WrongLength, SetParameters(handle, (nint)p, bad.Length - 1));
            Assert.Equal($"Expected {NativeTestNet.ParameterCount} parameters, but length is {bad.Length - 1}.", LastError);
        }

        Assert.Equal(Bits(before), Bits(Parameters(handle)));
        Assert.Equal(NativeStatus.Ok, Destroy(handle));
    }

    [Fact]
    public void Set_parameters_replaces_them_in_canonical_order()
    {
        nint handle = Created(1);
        float[] parameters = Values(NativeTestNet.ParameterCount, 11);
        fixed (float* p = parameters)
        {
            Assert.Equal(NativeStatus.Ok, SetParameters(handle, (nint)p, parameters.Length));
        }

        var twin = new NativeTestNet();
        twin.SetParameters(parameters);
        float[] input = [1f, 2f, 3f];
        float[] expected = new float[2];
        float[] output = new float[2];
        twin.Predict(input, expected);
        fixed (float* x = input)
        fixed (float* y = output)
        {
            Assert.Equal(NativeStatus.Ok, NetworkPredict(handle, (nint)x, 3, (nint)y, 2));
        }

        Assert.Equal(Bits(parameters), Bits(Parameters(handle)));
        Assert.Equal(Bits(expected), Bits(output));
        Assert.Equal(NativeStatus.Ok, Destroy(handle));
    }

    [Fact]
    public void Save_then_load_gives_a_network_with_the_same_parameters_and_the_file_of_Save()
    {
        nint handle = Created(8);
        string path = Path.Combine(_directory, "trained ü.weights.json");
        Assert.Equal(NativeStatus.Ok, SaveFile(handle, path));

        nint loaded;
        Assert.Equal(NativeStatus.Ok, LoadFile(path, &loaded));
        Assert.NotEqual(handle, loaded);
        Assert.Equal(Bits(Parameters(handle)), Bits(Parameters(loaded)));

        var twin = new NativeTestNet(8);
        string twinPath = Path.Combine(_directory, "twin.weights.json");
        twin.Save(twinPath);
        Assert.Equal(File.ReadAllBytes(twinPath), File.ReadAllBytes(path));

        Assert.Equal(NativeStatus.Ok, Destroy(handle));
        Assert.Equal(NativeStatus.Ok, Destroy(loaded));
    }

    [Fact]
    public void Load_reports_a_missing_file_a_damaged_one_and_one_of_another_network()
    {
        nint handle = 0;
        Assert.Equal(NativeStatus.IOError, LoadFile(Path.Combine(_directory, "missing.json"), &handle));
        Assert.Contains("missing.json", LastError, StringComparison.Ordinal);

        string damaged = Path.Combine(_directory, "damaged.json");
        File.WriteAllText(damaged, "{\"format\": \"compilednn-weights\", \"layers\": [");
        Assert.Equal(NativeStatus.DamagedFile, LoadFile(damaged, &handle));

        string other = Path.Combine(_directory, "other.json");
        new OtherNativeTestNet().Save(other);
        Assert.Equal(NativeStatus.DamagedFile, LoadFile(other, &handle));
        Assert.Contains("this network is 3-5-2", LastError, StringComparison.Ordinal);

        Assert.Equal(NativeStatus.NullPointer, Load(0, (nint)(&handle)));
        Assert.Equal(NativeStatus.NullPointer, LoadFile(other, null));
        Assert.Equal(0, handle);
    }

    [Fact]
    public void Save_reports_a_directory_that_does_not_exist()
    {
        nint handle = Created(2);
        Assert.Equal(NativeStatus.IOError, SaveFile(handle, Path.Combine(_directory, "no", "such", "dir.json")));
        Assert.Equal(NativeStatus.NullPointer, Save(handle, 0));
        Assert.Equal(NativeStatus.Ok, Destroy(handle));
    }

    [Fact]
    public void Handles_that_were_never_issued_were_destroyed_or_belong_to_another_network_are_InvalidHandle()
    {
        float[] input = [1f, 2f, 3f];
        float[] output = new float[2];
        nint handle = Created(4);
        Assert.Equal(NativeStatus.Ok, Destroy(handle));
        fixed (float* x = input)
        fixed (float* y = output)
        {
            Assert.Equal(NativeStatus.InvalidHandle, NetworkPredict(handle, (nint)x, 3, (nint)y, 2));
            Assert.StartsWith("Expected a handle that create or load returned and destroy has not freed", LastError, StringComparison.Ordinal);
            Assert.Equal(NativeStatus.InvalidHandle, NetworkPredict(unchecked((nint)0x5eed_f00d), (nint)x, 3, (nint)y, 2));
            Assert.Equal(NativeStatus.NullPointer, NetworkPredict(0, (nint)x, 3, (nint)y, 2));
        }

        Assert.Equal(NativeStatus.InvalidHandle, Destroy(handle));
        Assert.Equal(NativeStatus.Ok, Destroy(0));

        var createOther = (delegate* unmanaged<int, nint, int>)Exports.Of(typeof(OtherNativeTestNet), "other_test_create");
        nint other;
        Assert.Equal(NativeStatus.Ok, createOther(0, (nint)(&other)));
        Assert.Equal(NativeStatus.InvalidHandle, Destroy(other));
        Assert.Equal(NativeStatus.Ok, ((delegate* unmanaged<nint, int>)Exports.Of(typeof(OtherNativeTestNet), "other_test_destroy"))(other));
        Assert.Equal(NativeStatus.NullPointer, Create(0, 0));
    }

    private static uint[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToUInt32Bits);
}
