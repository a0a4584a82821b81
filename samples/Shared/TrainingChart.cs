using System.Collections.Generic;
using System.Linq;
using CompiledNN.Training;

namespace CompiledNN.Samples;

/// <summary>The loss and accuracy curves of a <see cref="TrainingHistory"/> as an SVG file.</summary>
public static class TrainingChart
{
    /// <summary>Writes the loss panel (training and validation) and, when measured, the validation accuracy panel.</summary>
    public static void Write(string path, TrainingHistory history)
    {
        var panels = new List<ChartPanel>
        {
            new("Loss", [
                new ChartSeries("training", "#1f77b4", history.TrainingLoss.Select(v => (double)v).ToArray()),
                new ChartSeries("validation", "#ff7f0e", history.ValidationLoss.Select(v => (double)v).ToArray()),
            ]),
        };
        if (history.ValidationAccuracy.Count > 0)
        {
            panels.Add(new ChartPanel("Accuracy", [new ChartSeries("validation", "#2ca02c", history.ValidationAccuracy.ToArray())]));
        }

        SvgLineChart.Write(path, panels);
    }
}
