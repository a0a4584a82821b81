using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks;

/// <summary>
/// The matrix kernels on their own, at the layer shapes of the peer comparison and a few in between, with the
/// throughput each reaches: one core's peak is 2 fused multiply-adds of 16 floats per cycle (~275 GFLOP/s at 4.3 GHz
/// with AVX-512). Run: <c>dotnet run -c Release -- --filter '*MatrixKernelBenchmarks*' --job short</c>.
/// </summary>
[Config(typeof(GigaflopsConfig))]
public class MatrixKernelBenchmarks
{
    private float[] _x = [];
    private float[] _weights = [];
    private float[] _bias = [];
    private float[] _z = [];
    private float[] _delta = [];
    private float[] _gradient = [];
    private float[] _biasGradient = [];
    private float[] _inputDelta = [];

    /// <summary>Rows × inputs × units.</summary>
    [Params("1x784x128", "1x784x256", "64x784x256", "64x256x128", "64x128x10", "64x64x32", "64x100x50", "64x1024x1024")]
    public string Shape { get; set; } = "";

    private int Rows => LayerShape.Size(Shape, 0);

    private int Inputs => LayerShape.Size(Shape, 1);

    private int Units => LayerShape.Size(Shape, 2);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _x = Fill(Rows * Inputs, random);
        _weights = Fill(Inputs * Units, random);
        _bias = Fill(Units, random);
        _z = new float[Rows * Units];
        _delta = Fill(Rows * Units, random);
        _gradient = new float[Inputs * Units];
        _biasGradient = new float[Units];
        _inputDelta = new float[Rows * Inputs];
    }

    [Benchmark]
    public void Linear() => MatrixKernels.Linear(_x, _weights, _bias, _z, Rows, Inputs, Units);

    [Benchmark]
    public void AddWeightGradient() => MatrixKernels.AddWeightGradient(_x, _delta, _gradient, _biasGradient, Rows, Inputs, Units);

    [Benchmark]
    public void InputGradient() => MatrixKernels.InputGradient(_delta, _weights, _inputDelta, Rows, Inputs, Units);


    private static float[] Fill(int length, Random random) => Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

    /// <summary>Adds the GFLOP/s column: 2 × rows × inputs × units floating-point operations per call over the mean time.</summary>
    private sealed class GigaflopsConfig : ManualConfig
    {
        public GigaflopsConfig() => AddColumn(new GigaflopsColumn());
    }

    private sealed class GigaflopsColumn : IColumn
    {
        public string Id => nameof(GigaflopsColumn);

        public string ColumnName => "GFLOP/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "2 × rows × inputs × units floating-point operations per second, in billions";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            string shape = (string)benchmarkCase.Parameters["Shape"];
            double flops = 2.0 * shape.Split('x').Select(static s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Aggregate(static (a, b) => a * b);
            return (flops / statistics.Mean).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
