using System;
using System.Globalization;
using System.IO;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>What every picture of the tour shares: size, fonts, a log axis and where the file goes.</summary>
internal static class Charts
{
    private static readonly Color[] Palette = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>The i-th colour of the tour's palette (Category10).</summary>
    public static Color Color(int index) => Palette[index % Palette.Length];

    /// <summary>A labelled line, 2 pixels wide.</summary>
    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern pattern = default)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        return line;
    }

    /// <summary>A number for the page: 3 significant digits, in scientific notation when very small or large.</summary>
    public static string Number(double value) => Math.Abs(value) switch
    {
        0 => "0",
        < 1e-3 or >= 1e5 => value.ToString("0.00e+0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };

    /// <summary>Whether SkiaSharp finds any font: without one the pictures are drawn with no text at all.</summary>
    public static bool HasFonts => SkiaSharp.SKFontManager.Default.FontFamilyCount > 0;

    /// <summary>
    /// ScottPlot's default font on Linux is the first family fontconfig lists, often a serif: DejaVu Sans, where it is
    /// installed, reads better in small labels.
    /// </summary>
    public static void UseSansSerif()
    {
        const string Family = "DejaVu Sans";
        if (Fonts.GetTypeface(Family, bold: false, italic: false)?.FamilyName == Family)
        {
            Fonts.Default = Family;
        }
    }

    /// <summary>Panels of <paramref name="columns"/> plots side by side, on rows.</summary>
    public static Multiplot Grid(int rows, int columns)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows * columns);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        return multiplot;
    }

    /// <summary>Titles a panel and its axes.</summary>
    public static Plot Label(this Plot plot, string title, string x, string y)
    {
        plot.Title(title, size: 15);
        plot.XLabel(x, size: 13);
        plot.YLabel(y, size: 13);
        return plot;
    }

    /// <summary>
    /// Shows a plot whose y values are log10 of the data with ticks at the powers of ten: ScottPlot 5 plots log scales
    /// this way.
    /// </summary>
    public static void LogY(Plot plot)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
    }

    /// <summary>Ticks at whole numbers only on the x axis (layers, epochs).</summary>
    public static void IntegerX(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>log10 of a positive value, with 0 drawn at a floor instead of −∞.</summary>
    public static double Log10(double value) => Math.Log10(Math.Max(value, 1e-30));

    /// <summary>Writes the picture into the output directory and returns its file name.</summary>
    public static string Save(Multiplot multiplot, TourOptions options, string fileName, int width, int height)
    {
        multiplot.SavePng(Path.Combine(options.OutputDirectory, fileName), width, height);
        return fileName;
    }

    /// <summary>Writes a single plot into the output directory and returns its file name.</summary>
    public static string Save(Plot plot, TourOptions options, string fileName, int width, int height)
    {
        plot.SavePng(Path.Combine(options.OutputDirectory, fileName), width, height);
        return fileName;
    }
}
