using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using CompiledNN.Data;
using CompiledNN.Training;
using Spectre.Console;

namespace CompiledNN.Samples;

/// <summary>Runs <see cref="Trainer.Fit"/> under a live Spectre.Console display: one bar per epoch that keeps its losses, accuracy and time when done.</summary>
public static class TrainingConsole
{
    /// <summary>Fits <paramref name="network"/> and shows the progress; Ctrl+C stops training after the current batch.</summary>
    public static TrainingHistory Fit(Trainer trainer, ITrainableNetwork network, Dataset training, Dataset? validation)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            TrainingHistory? history = null;
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                // Redirected output (a log, CI) gets one line per epoch instead of a live display.
                var lines = new Reporter(report =>
                {
                    if (report.IsEpochEnd)
                    {
                        Console.WriteLine(Describe(report));
                    }
                });
                history = trainer.Fit(network, training, validation, lines, cancellation.Token);
            }
            else
            {
                AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
                .Start(context =>
                {
                    var bars = new Dictionary<int, ProgressTask>();
                    var progress = new Reporter(report =>
                    {
                        if (!bars.TryGetValue(report.Epoch, out var bar))
                        {
                            bars[report.Epoch] = bar = context.AddTask(Describe(report), maxValue: report.Batches);
                        }

                        bar.Value = report.Batch;
                        bar.Description = Describe(report);
                        context.Refresh();
                    });
                    history = trainer.Fit(network, training, validation, progress, cancellation.Token);
                });
            }

            if (history!.Cancelled)
            {
                AnsiConsole.MarkupLine("[yellow]Training cancelled; continuing with the epochs completed.[/]");
            }
            else if (history.StoppedEarly)
            {
                AnsiConsole.MarkupLine(Invariant($"Early stopping after epoch {history.EpochCount}; restored the parameters of epoch {history.BestEpoch}."));
            }

            return history;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    private static string Describe(EpochReport report)
    {
        string text = Invariant($"epoch {report.Epoch,3}/{report.Epochs}  loss {report.TrainingLoss:0.0000}");
        if (report.ValidationLoss is { } loss)
        {
            text += Invariant($"  val loss {loss:0.0000}");
        }

        if (report.ValidationAccuracy is { } accuracy)
        {
            text += Invariant($"  val acc {accuracy:0.0000}");
        }

        return text + Invariant($"  {report.Elapsed.TotalSeconds,6:0.00} s");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Spectre's display is updated on the trainer's thread; Progress<T> would post to a thread-pool thread instead.
    private sealed class Reporter(Action<EpochReport> handler) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => handler(value);
    }
}
