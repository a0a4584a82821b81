using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CompiledNN.Generators.Planning;

/// <summary>A plan as a short table, so that a change of thresholds reads as a diff of decisions, not of code.</summary>
internal static class PlanDescription
{
    public static string Describe(NetworkPlan plan)
    {
        var text = new StringBuilder();
        text.Append("network ").Append(plan.Shape).Append(" (").Append(Count(plan.ParameterCount)).Append(" parameters)\n");
        if (plan.TrainsWholeBatch)
        {
            Line(text, "training", "each batch as one block on the calling thread (batch statistics)");
        }

        Line(text, "batches", plan.SplitsLayers ? "share large layers' units between threads, rows together" : plan.Threads ? "share blocks of rows between threads" : "on the calling thread");
        if (plan.BatchInLanes)
        {
            Line(text, "batch rows", plan.PadsLanes
                ? $"in the registers' lanes (fewer than {Thresholds.LanesFromRows}: one by one, as one row)"
                : "whole lines of 16 in the registers' lanes, the rest layer by layer");
        }

        Line(text, "one row", plan.RowInRegisters256 ? "in registers with AVX-512 or AVX2, else layer by layer" : plan.RowInRegisters ? "in registers with AVX-512, else layer by layer" : "layer by layer");
        Line(text, "row scratch", plan.RowScratchPooled ? "the thread's pool" : $"stack, {Count(plan.HiddenSize * sizeof(float))} bytes");
        Line(text, "training row", plan.RowBackward ? (plan.TrainingRowInRegisters ? "forward in registers, straight-line backward" : "straight-line backward") : "batch kernels");
        Line(text, "optimizer step", plan.StepsInParallel ? "ranges on several threads" : "one thread");
        Line(text, "loss", plan.LossTakesLogits ? "takes the logits (activation fused)" : "takes the activations");
        text.Append('\n');

        string[] header = ["layer", "units", "inputs", "row", "shares units", "batch weights", "activation"];
        var rows = plan.Layers.Select(l => l is DenseLayerPlan dense
            ? new[]
            {
                l.Name,
                Count(l.Units),
                Count(l.Inputs),
                dense.StraightLine ? (dense.RowLoops ? "loops" : "unrolled") : "kernel",
                dense.SplitsBatches ? "row and batch" : dense.SharesUnits ? "row" : "no",
                dense.PacksForBatches ? "packed" : "transposed",
                l.Activation + (dense.RectifiesInKernel ? " in kernel" : l == plan.Output && plan.LossTakesLogits ? " in loss" : ""),
            }
            : l is ConvolutionLayerPlan convolution
                ? [l.Name, Count(l.Units), Count(l.Inputs), (convolution.Lowered ? "im2col" : "direct") + (convolution.PoolsWithNext ? ", pools next" : ""), convolution.SharesFilters ? "row's filters" : "no", "-", l.Activation + (convolution.RectifiesInKernel ? " in kernel" : "")]
                : [l.Name, Count(l.Units), Count(l.Inputs), "-", "-", "-", l.Activation.ToString()]).ToList();
        int[] widths = Enumerable.Range(0, header.Length).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        foreach (string[] row in new List<string[]> { header }.Concat(rows))
        {
            text.Append(string.Join("  ", row.Select((cell, c) => c is 1 or 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string what, string how) => text.Append("  ").Append(what.PadRight(15)).Append(how).Append('\n');

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
