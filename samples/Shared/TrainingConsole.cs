using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using CompiledNN.Data;
using CompiledNN.Training;
using Spectre.Console;

namespace CompiledNN.Samples;

/// <summary>Runs <see cref="Trainer.Fit"/> under a live Spectre.Console display of the run and the current epoch, or as lines of text when the output is redirected.</summary>
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
                // Redirected output (a log, CI) gets a line per epoch, or per tenth of the epochs for long runs.
                int every = Math.Max(1, trainer.Options.Epochs / 10);
                var lines = new Reporter(report =>
                {
                    if (report.IsEpochEnd && (report.Epoch % every == 0 || report.Epoch == 1))
                    {
                        Console.WriteLine(Describe(report));
                    }
                });
                history = trainer.Fit(network, training, validation, lines, cancellation.Token);
            }
            else
            {
                // Two bars: the whole run, described by the last completed epoch, and the batches of the current epoch.
                AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context =>
                    {
                        var run = context.AddTask("training", maxValue: trainer.Options.Epochs);
                        var epoch = context.AddTask("epoch 1", maxValue: 1);
                        var progress = new Reporter(report =>
                        {
                            epoch.MaxValue = report.Batches;
                            epoch.Value = report.Batch;
                            epoch.Description = Invariant($"epoch {report.Epoch}/{report.Epochs}  loss {report.TrainingLoss:0.0000}");
                            if (report.IsEpochEnd)
                            {
                                run.Value = report.Epoch;
                                run.Description = Describe(report);
                            }

                            context.Refresh();
                        });
                        history = trainer.Fit(network, training, validation, progress, cancellation.Token);
                        run.Value = run.MaxValue;
                        epoch.Value = epoch.MaxValue;
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
