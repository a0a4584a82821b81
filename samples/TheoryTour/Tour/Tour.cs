using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>Runs the experiments in order and writes the index page over their pictures.</summary>
public static class Tour
{
    /// <summary>The experiments, in the order the theory tells them.</summary>
    private static readonly Func<TourOptions, Chapter>[] Experiments =
    [
        Activations.Run,
        VanishingGradients.Run,
        MseVersusCrossEntropy.Run,
        OptimizerSurfaces.Run,
        OptimizersOnData.Run,
        Initialisation.Run,
        Xor.Run,
        RobustLosses.Run,
    ];

    /// <summary>Whether SkiaSharp finds a font: without one the pictures are drawn without any text.</summary>
    public static bool HasFonts => Charts.HasFonts;

    /// <summary>Runs every experiment, reporting each chapter as it is done, and writes index.html.</summary>
    /// <returns>The chapters, in order.</returns>
    public static IReadOnlyList<Chapter> Run(TourOptions options, Action<Chapter>? done = null)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        // Numbers read the same on every machine (a decimal point, not a comma).
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Charts.UseSansSerif();
        var clock = Stopwatch.StartNew();
        var chapters = new List<Chapter>();
        foreach (Func<TourOptions, Chapter> experiment in Experiments)
        {
            var started = Stopwatch.StartNew();
            Chapter chapter = experiment(options) with { Seconds = started.Elapsed.TotalSeconds };
            chapters.Add(chapter);
            done?.Invoke(chapter);
        }

        IndexPage.Write(options, chapters, clock.Elapsed);
        return chapters;
    }
}
