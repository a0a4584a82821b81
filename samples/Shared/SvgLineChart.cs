using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace CompiledNN.Samples;

/// <summary>One line of a chart: a name for the legend, a colour and a value per epoch.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);

/// <summary>One plot of a chart: a title and its lines, drawn against the epoch on the x axis.</summary>
public sealed record ChartPanel(string Title, IReadOnlyList<ChartSeries> Series);

/// <summary>
/// Writes training curves as a small, dependency-free SVG: panels side by side, each with axes, tick labels, one
/// polyline per series and a legend. An SVG renders on GitHub and in any browser, so no plotting library is needed.
/// </summary>
public static class SvgLineChart
{
    private const double PanelWidth = 440;
    private const double Height = 320;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 52;
    private const double Bottom = 44;

    /// <summary>Writes <paramref name="panels"/> side by side into the SVG file at <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<ChartPanel> panels) => File.WriteAllText(path, Render(panels));

    /// <summary>The SVG text of <paramref name="panels"/> side by side.</summary>
    public static string Render(IReadOnlyList<ChartPanel> panels)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PanelWidth * panels.Count}\" height=\"{Height}\" "))
            .Append("font-family=\"sans-serif\" font-size=\"12\">\n")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < panels.Count; i++)
        {
            RenderPanel(svg, panels[i], i * PanelWidth);
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static void RenderPanel(StringBuilder svg, ChartPanel panel, double x0)
    {
        double plotLeft = x0 + Left;
        double plotRight = x0 + PanelWidth - Right;
        double plotTop = Top;
        double plotBottom = Height - Bottom;
        var finite = panel.Series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        int points = panel.Series.Max(s => s.Values.Count);
        (double low, double high) = finite.Length == 0 ? (0, 1) : (finite.Min(), finite.Max());
        if (high - low < 1e-12)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        // Round the axis out to a "nice" step (1, 2 or 5 times a power of ten) so the tick labels are short.
        double step = NiceStep((high - low) / 4);
        (low, high) = (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step);
        int ticks = (int)Math.Round((high - low) / step);

        double X(int index) => plotLeft + ((plotRight - plotLeft) * (points <= 1 ? 0.5 : (double)index / (points - 1)));
        double Y(double value) => plotBottom - ((plotBottom - plotTop) * (value - low) / (high - low));

        svg.Append(Invariant($"<text x=\"{x0 + (PanelWidth / 2)}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(panel.Title)}</text>\n"));
        for (int tick = 0; tick <= ticks; tick++)
        {
            double value = low + (step * tick);
            double y = Y(value);
            svg.Append(Invariant($"<line x1=\"{plotLeft}\" y1=\"{y:0.#}\" x2=\"{plotRight}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/>\n"))
                .Append(Invariant($"<text x=\"{plotLeft - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{value:0.###}</text>\n"));
        }

        int epochStep = Math.Max(1, (int)Math.Ceiling(points / 8.0));
        for (int index = 0; index < points; index += epochStep)
        {
            svg.Append(Invariant($"<text x=\"{X(index):0.#}\" y=\"{plotBottom + 16}\" text-anchor=\"middle\">{index + 1}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{(plotLeft + plotRight) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">epoch</text>\n"))
            .Append(Invariant($"<polyline points=\"{plotLeft},{plotTop} {plotLeft},{plotBottom} {plotRight},{plotBottom}\" fill=\"none\" stroke=\"#333\"/>\n"));
        for (int s = 0; s < panel.Series.Count; s++)
        {
            var series = panel.Series[s];
            var coordinates = series.Values
                .Select((value, index) => (value, index))
                .Where(p => double.IsFinite(p.value))
                .Select(p => Invariant($"{X(p.index):0.##},{Y(p.value):0.##}"));
            svg.Append(Invariant($"<polyline points=\"{string.Join(' ', coordinates)}\" fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"2\"/>\n"));
            // The legend sits in a row between the title and the plot, so it never hides a line.
            double legendX = plotLeft + (110 * s);
            svg.Append(Invariant($"<line x1=\"{legendX}\" y1=\"34\" x2=\"{legendX + 20}\" y2=\"34\" stroke=\"{series.Color}\" stroke-width=\"2\"/>\n"))
                .Append(Invariant($"<text x=\"{legendX + 26}\" y=\"38\">{Escape(series.Name)}</text>\n"));
        }
    }

    private static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
