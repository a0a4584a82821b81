using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks.ConvComparison;

/// <summary>
/// <c>--conv-kernels</c>: the direct convolution (<see cref="Convolution"/>) against the lowered one
/// (<see cref="LoweredConvolution"/>) on the layers of the convolution comparison and of the parity tests, forward and
/// backward, in alternating blocks of calls (a shared machine): the measurements behind the planner's choice between
/// them (Thresholds.LoweredConvolution*, docs/performance.md). The forward pass is also timed lowered one output row at a
/// time (the only lowering for strides above 1), lowered over whole padded rows (stride 1) and in register tiles
/// (<see cref="TiledConvolution"/>, where it fits), beside the path <see cref="LoweredConvolution.Forward"/> chooses.
/// </summary>
internal static class ConvolutionKernelReport
{
    // (name, channels, height, width, filters, kernel, stride, padding, dilation); height 1 is a 1-D convolution.
    private static readonly (string Name, int C, int H, int W, int F, int K, int S, int P, int D)[] Layers =
    [
        ("lenet conv1", 1, 28, 28, 6, 5, 1, 2, 1),
        ("lenet conv2", 6, 14, 14, 16, 5, 1, 0, 1),
        ("sensor conv1", 3, 1, 128, 32, 5, 1, 2, 1),
        ("sensor conv2", 32, 1, 64, 64, 5, 1, 2, 1),
        ("cifar conv1", 3, 32, 32, 32, 3, 1, 1, 1),
        ("cifar conv2", 32, 16, 16, 64, 3, 1, 1, 1),
        ("image s2", 2, 9, 9, 4, 3, 2, 1, 1),
        ("signal d2", 3, 1, 20, 5, 3, 1, 2, 2),
        ("dilated 3 filters", 1, 8, 8, 3, 3, 1, 0, 2),
        ("two-conv", 3, 10, 10, 6, 3, 1, 1, 1),
        ("1 channel, 8 filters", 1, 28, 28, 8, 3, 1, 1, 1),
        ("1 channel, 32 filters", 1, 28, 28, 32, 3, 1, 1, 1),
        ("16→16 3×3 s2", 16, 16, 16, 16, 3, 2, 1, 1),
        ("64→64, 4 positions", 64, 1, 4, 64, 3, 1, 1, 1),
        ("8→8 on 3×3", 8, 3, 3, 8, 2, 1, 0, 1),
        ("2→2 on 6×6", 2, 6, 6, 2, 3, 1, 0, 1),
        ("1→4 on 1×12", 1, 1, 12, 4, 3, 1, 0, 1),
        ("1→8 5×5 p2", 1, 28, 28, 8, 5, 1, 2, 1),
        ("1→6 3×3 p1", 1, 28, 28, 6, 3, 1, 1, 1),
        ("1→6 5×5 p0", 1, 28, 28, 6, 5, 1, 0, 1),
        ("1→4 5×5 p2", 1, 28, 28, 4, 5, 1, 2, 1),
    ];

    public static void Print(string only)
    {
        Console.WriteLine($"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}; µs per row, fastest of 30 alternating blocks of about 1 ms; ratio = direct / lowered (above 1: lowered faster); by output rows = the forward pass lowered one output row at a time; – = the path does not take the layer");
        Console.WriteLine("| layer | taps×positions | filters | forward direct | forward lowered by output rows | forward lowered over padded rows | forward tiled | forward (the path chosen) | ratio | backward direct | backward lowered | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Layers.Where(l => l.Name.StartsWith(only, StringComparison.Ordinal)))
        {
            var shape = l.H == 1
                ? new ConvolutionShape(l.C, 1, l.W, l.F, 1, l.K, 1, l.S, 0, l.P, 1, l.D)
                : new ConvolutionShape(l.C, l.H, l.W, l.F, l.K, l.K, l.S, l.S, l.P, l.P, l.D, l.D);
            const int Rows = 16;
            var random = new Random(1);
            float[] x = [.. Enumerable.Range(0, Rows * shape.InputSize).Select(_ => (float)random.NextDouble())];
            float[] w = [.. Enumerable.Range(0, shape.Filters * shape.Channels * shape.KernelHeight * shape.KernelWidth).Select(_ => (float)random.NextDouble() - 0.5f)];
            float[] b = new float[shape.Filters];
            float[] z = new float[Rows * shape.OutputSize];
            float[] delta = [.. Enumerable.Range(0, Rows * shape.OutputSize).Select(_ => (float)random.NextDouble() - 0.5f)];
            float[] gw = new float[w.Length];
            float[] gb = new float[b.Length];
            float[] dx = new float[x.Length];
            double[] forward = Interleaved(
                () => Convolution.Forward(shape, x, w, b, z, Rows),
                () => LoweredConvolution.Forward(shape, x, w, b, z, Rows),
                () => LoweredConvolution.ForwardOverOutputRows(shape, x, w, b, z, Rows),
                () => { if (TiledConvolution.Fits(shape)) { TiledConvolution.Forward(shape, x, w, b, z, Rows); } },
                () => { if (PaddedRows(shape)) { LoweredConvolution.ForwardOverPaddedRows(shape, x, w, b, z, Rows); } });
            double[] backward = Interleaved(
                () => Convolution.Backward(shape, x, delta, w, gw, gb, dx, Rows),
                () => LoweredConvolution.Backward(shape, x, delta, w, gw, gb, dx, Rows));
            int taps = shape.Channels * shape.KernelHeight * shape.KernelWidth;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {l.Name} | {taps}×{shape.OutputHeight * shape.OutputWidth} | {shape.Filters} | {forward[0] / Rows * 1e6:F2} | {forward[2] / Rows * 1e6:F2} | {(PaddedRows(shape) ? (forward[4] / Rows * 1e6).ToString("F2", CultureInfo.InvariantCulture) : "–")} | {(TiledConvolution.Fits(shape) ? (forward[3] / Rows * 1e6).ToString("F2", CultureInfo.InvariantCulture) : "–")} | {forward[1] / Rows * 1e6:F2} | {forward[0] / forward[1]:F2} | {backward[0] / Rows * 1e6:F2} | {backward[1] / Rows * 1e6:F2} | {backward[0] / backward[1]:F2} |"));
        }
    }

    /// <summary>Whether the layer can be lowered over padded rows (a stride of 1, more than one output row), the path before the register tiles for most such layers.</summary>
    private static bool PaddedRows(in ConvolutionShape shape) => shape.StrideHeight == 1 && shape.StrideWidth == 1 && shape.OutputHeight > 1;

    private static double[] Interleaved(params Action[] candidates)
    {
        long warmUp = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmUp).TotalMilliseconds < 300)
        {
            foreach (Action candidate in candidates)
            {
                candidate();
            }
        }

        long start = Stopwatch.GetTimestamp();
        candidates[0]();
        int calls = Math.Clamp((int)(0.001 / Math.Max(1e-7, Stopwatch.GetElapsedTime(start).TotalSeconds)), 1, 10_000);
        var times = candidates.Select(_ => new double[30]).ToArray();
        for (int block = 0; block < 30; block++)
        {
            for (int c = 0; c < candidates.Length; c++)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < calls; i++)
                {
                    candidates[c]();
                }

                times[c][block] = Stopwatch.GetElapsedTime(t0).TotalSeconds / calls;
            }
        }

        return [.. times.Select(static t => t.Min())];
    }
}
