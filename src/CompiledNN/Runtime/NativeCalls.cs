using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using CompiledNN.Persistence;

namespace CompiledNN.Runtime;

/// <summary>
/// The bodies of a <c>[NativeExport]</c> network's C functions: each checks the pointers and lengths it is given,
/// calls the network, and turns every exception into a <see cref="NativeStatus"/> code with a message, so that none
/// crosses into the native caller. Pointers arrive as <see cref="nint"/>, so that generated code needs no
/// <c>unsafe</c> context in the user's project.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeCalls
{
    /// <summary>A static network's <c>Predict</c> or <c>PredictBatch</c>.</summary>
    /// <param name="inputs">Whole rows of input features.</param>
    /// <param name="outputs">As many rows of outputs.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public delegate void Rows(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary><c>prefix_predict</c> of a network with static members (<c>InferenceOnly</c>).</summary>
    /// <param name="predict">The network's <c>Predict</c>.</param>
    /// <param name="inputSize">The network's input size.</param>
    /// <param name="outputSize">The network's output size.</param>
    /// <param name="input">The caller's input row.</param>
    /// <param name="inputLength">Its length, which must be <paramref name="inputSize"/>.</param>
    /// <param name="output">Receives the outputs.</param>
    /// <param name="outputLength">Its length, which must be <paramref name="outputSize"/>.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int Predict(Rows predict, int inputSize, int outputSize, nint input, int inputLength, nint output, int outputLength)
    {
        try
        {
            Row(inputSize, outputSize, input, inputLength, output, outputLength, out ReadOnlySpan<float> x, out Span<float> y);
            predict(x, y);
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_predict_batch</c> of a network with static members (<c>InferenceOnly</c>).</summary>
    /// <param name="predictBatch">The network's <c>PredictBatch</c>.</param>
    /// <param name="inputSize">The network's input size.</param>
    /// <param name="outputSize">The network's output size.</param>
    /// <param name="inputs">The caller's rows, one after the other.</param>
    /// <param name="rows">How many rows; 0 does nothing.</param>
    /// <param name="outputs">Receives as many rows of outputs.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int PredictBatch(Rows predictBatch, int inputSize, int outputSize, nint inputs, int rows, nint outputs)
    {
        try
        {
            if (Batch(inputSize, outputSize, inputs, rows, outputs, out ReadOnlySpan<float> x, out Span<float> y))
            {
                predictBatch(x, y);
            }

            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_predict</c> of a trainable network: the network as <c>new TNetwork()</c> makes it, shared by every thread.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="input">The caller's input row.</param>
    /// <param name="inputLength">Its length, which must be the input size.</param>
    /// <param name="output">Receives the outputs.</param>
    /// <param name="outputLength">Its length, which must be the output size.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int Predict<TNetwork>(nint input, int inputLength, nint output, int outputLength)
        where TNetwork : class, INetwork, new()
    {
        try
        {
            PredictRow(DefaultNetwork<TNetwork>.Network, input, inputLength, output, outputLength);
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_predict_batch</c> of a trainable network: the network as <c>new TNetwork()</c> makes it.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="inputs">The caller's rows, one after the other.</param>
    /// <param name="rows">How many rows; 0 does nothing.</param>
    /// <param name="outputs">Receives as many rows of outputs.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int PredictBatch<TNetwork>(nint inputs, int rows, nint outputs)
        where TNetwork : class, INetwork, new()
    {
        try
        {
            PredictRows(DefaultNetwork<TNetwork>.Network, inputs, rows, outputs);
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_create</c>: a new network, from a seed, behind a new handle.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="create">The network's seeded constructor.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="handle">Receives the handle (a <c>prefix_network*</c>).</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int Create<TNetwork>(Func<int, TNetwork> create, int seed, nint handle)
        where TNetwork : class
    {
        try
        {
            HandleDestination(handle);
            *(nint*)handle = NativeHandles<TNetwork>.Add(create(seed));
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_load</c>: a new network with a weights file's parameters, behind a new handle.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="path">The file's path, NUL-terminated UTF-8.</param>
    /// <param name="handle">Receives the handle (a <c>prefix_network*</c>).</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int Load<TNetwork>(nint path, nint handle)
        where TNetwork : class, IPersistentNetwork, new()
    {
        try
        {
            string file = Path(path);
            HandleDestination(handle);
            var network = new TNetwork();
            WeightsFile.Load(network, file);
            *(nint*)handle = NativeHandles<TNetwork>.Add(network);
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_destroy</c>: forgets a handle. A null handle does nothing, as <c>free(NULL)</c>.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int Destroy<TNetwork>(nint handle)
        where TNetwork : class
    {
        try
        {
            if (handle != 0 && !NativeHandles<TNetwork>.Remove(handle))
            {
                throw InvalidHandle(handle);
            }

            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_network_predict</c>: one row through the network behind a handle.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="input">The caller's input row.</param>
    /// <param name="inputLength">Its length, which must be the input size.</param>
    /// <param name="output">Receives the outputs.</param>
    /// <param name="outputLength">Its length, which must be the output size.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int PredictWith<TNetwork>(nint handle, nint input, int inputLength, nint output, int outputLength)
        where TNetwork : class, INetwork
    {
        try
        {
            PredictRow(Network<TNetwork>(handle), input, inputLength, output, outputLength);
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_network_predict_batch</c>: rows through the network behind a handle.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="inputs">The caller's rows, one after the other.</param>
    /// <param name="rows">How many rows; 0 does nothing.</param>
    /// <param name="outputs">Receives as many rows of outputs.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int PredictBatchWith<TNetwork>(nint handle, nint inputs, int rows, nint outputs)
        where TNetwork : class, INetwork
    {
        try
        {
            PredictRows(Network<TNetwork>(handle), inputs, rows, outputs);
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_train_batch</c>: one optimizer step on the mean loss of the rows, as <c>TrainBatch</c>.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="inputs">The rows, one after the other.</param>
    /// <param name="targets">As many rows of targets.</param>
    /// <param name="rows">How many rows; at least 1.</param>
    /// <param name="loss">Receives the mean loss before the step, unless null.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int TrainBatch<TNetwork>(nint handle, nint inputs, nint targets, int rows, nint loss)
        where TNetwork : class, ITrainableNetwork
    {
        try
        {
            TNetwork network = Network<TNetwork>(handle);
            if (rows < 1)
            {
                throw new NativeCallException(NativeStatus.WrongLength, $"Expected at least one row, but rows is {rows}.");
            }

            float mean = network.TrainBatch(
                Inputs(inputs, RowsLength(rows, network.InputSize), "inputs"),
                Inputs(targets, RowsLength(rows, network.OutputSize), "targets"));
            if (loss != 0)
            {
                *(float*)loss = mean;
            }

            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_get_parameters</c>: copies the parameters out, in canonical order.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="destination">Receives the parameters.</param>
    /// <param name="length">Its length, which must be the parameter count.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int GetParameters<TNetwork>(nint handle, nint destination, int length)
        where TNetwork : class, INetwork
    {
        try
        {
            TNetwork network = Network<TNetwork>(handle);
            Length(length, network.ParameterCount, "length", "parameters");
            network.GetParameters(Outputs(destination, length, "parameters"));
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_set_parameters</c>: replaces the parameters, in canonical order; all finite, or nothing changes.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="source">The parameters.</param>
    /// <param name="length">Its length, which must be the parameter count.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int SetParameters<TNetwork>(nint handle, nint source, int length)
        where TNetwork : class, INetwork
    {
        try
        {
            TNetwork network = Network<TNetwork>(handle);
            Length(length, network.ParameterCount, "length", "parameters");
            network.SetParameters(Inputs(source, length, "parameters"));
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    /// <summary><c>prefix_save</c>: writes the network's weights file, atomically, as <c>Save</c>.</summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="handle">The handle.</param>
    /// <param name="path">The file's path, NUL-terminated UTF-8.</param>
    /// <returns>A <see cref="NativeStatus"/> code.</returns>
    public static int Save<TNetwork>(nint handle, nint path)
        where TNetwork : class, IPersistentNetwork
    {
        try
        {
            WeightsFile.Save(Network<TNetwork>(handle), Path(path));
            return NativeStatus.Ok;
        }
        catch (Exception exception)
        {
            return NativeStatus.Fail(exception);
        }
    }

    private static void PredictRow(INetwork network, nint input, int inputLength, nint output, int outputLength)
    {
        Row(network.InputSize, network.OutputSize, input, inputLength, output, outputLength, out ReadOnlySpan<float> x, out Span<float> y);
        network.Predict(x, y);
    }

    private static void PredictRows(INetwork network, nint inputs, int rows, nint outputs)
    {
        if (Batch(network.InputSize, network.OutputSize, inputs, rows, outputs, out ReadOnlySpan<float> x, out Span<float> y))
        {
            network.PredictBatch(x, y);
        }
    }

    /// <summary>The caller's row and outputs, checked: lengths, pointers, finite inputs.</summary>
    private static void Row(int inputSize, int outputSize, nint input, int inputLength, nint output, int outputLength, out ReadOnlySpan<float> x, out Span<float> y)
    {
        Length(inputLength, inputSize, "input_length", "input features");
        Length(outputLength, outputSize, "output_length", "outputs");
        x = Inputs(input, inputLength, "input");
        y = Outputs(output, outputLength, "output");
    }

    /// <summary>The caller's rows and outputs, checked; false (with empty spans) when there are no rows, which need no memory.</summary>
    private static bool Batch(int inputSize, int outputSize, nint inputs, int rows, nint outputs, out ReadOnlySpan<float> x, out Span<float> y)
    {
        int inputLength = RowsLength(rows, inputSize);
        int outputLength = RowsLength(rows, outputSize);
        x = rows > 0 ? Inputs(inputs, inputLength, "inputs") : default;
        y = rows > 0 ? Outputs(outputs, outputLength, "outputs") : default;
        return rows > 0;
    }

    private static TNetwork Network<TNetwork>(nint handle)
        where TNetwork : class
    {
        if (handle == 0)
        {
            throw new NativeCallException(NativeStatus.NullPointer, "Expected a network handle, but it is null.");
        }

        return NativeHandles<TNetwork>.TryGet(handle, out TNetwork network) ? network : throw InvalidHandle(handle);
    }

    private static NativeCallException InvalidHandle(nint handle) => new(
        NativeStatus.InvalidHandle,
        $"Expected a handle that create or load returned and destroy has not freed, but {handle} is not one (for this network type).");

    private static void HandleDestination(nint handle)
    {
        if (handle == 0)
        {
            throw new NativeCallException(NativeStatus.NullPointer, "Expected a pointer that receives the network handle, but it is null.");
        }
    }

    private static void Length(int length, int expected, string name, string what)
    {
        if (length != expected)
        {
            throw new NativeCallException(NativeStatus.WrongLength, $"Expected {expected} {what}, but {name} is {length}.");
        }
    }

    private static int RowsLength(int rows, int rowLength)
    {
        long length = (long)rows * rowLength;
        if (rows < 0 || length > Array.MaxLength)
        {
            throw new NativeCallException(NativeStatus.WrongLength, $"Expected a number of rows from 0 to {Array.MaxLength / rowLength}, but rows is {rows}.");
        }

        return (int)length;
    }

    /// <summary>The caller's floats, checked: not null, and every value finite.</summary>
    private static ReadOnlySpan<float> Inputs(nint pointer, int length, string name)
    {
        var values = new ReadOnlySpan<float>((void*)NotNull(pointer, name), length);
        if (!Guard.AllWithin(values, float.MaxValue))
        {
            int i = 0;
            while (float.IsFinite(values[i]))
            {
                i++;
            }

            throw new NativeCallException(NativeStatus.NotFinite, $"Expected finite values, but {name}[{i}] is {values[i]}; nothing was changed.");
        }

        return values;
    }

    private static Span<float> Outputs(nint pointer, int length, string name) => new((void*)NotNull(pointer, name), length);

    private static nint NotNull(nint pointer, string name) => pointer != 0
        ? pointer
        : throw new NativeCallException(NativeStatus.NullPointer, $"Expected a pointer to {name}, but it is null.");

    private static string Path(nint path) => path != 0
        ? Marshal.PtrToStringUTF8(path) ?? ""
        : throw new NativeCallException(NativeStatus.NullPointer, "Expected a path (NUL-terminated UTF-8), but it is null.");

    /// <summary>The network a trainable network's handle-free functions use, created on first use.</summary>
    private static class DefaultNetwork<TNetwork>
        where TNetwork : class, new()
    {
        public static readonly TNetwork Network = new();
    }
}
