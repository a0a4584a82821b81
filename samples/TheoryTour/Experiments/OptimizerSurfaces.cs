using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// A network whose two parameters, its weight and its bias, are the point (x, y): the tour computes the surface's
// gradient there and the generated optimizer takes the step (ApplyGradient), exactly as TrainBatch would.
[Network(Optimizer = Optimizer.Sgd)]
[Input(1)]
[Dense(1)]
public partial class PointSgd;

[Network(Optimizer = Optimizer.Momentum)]
[Input(1)]
[Dense(1)]
public partial class PointMomentum;

[Network(Optimizer = Optimizer.Nesterov)]
[Input(1)]
[Dense(1)]
public partial class PointNesterov;

[Network(Optimizer = Optimizer.AdaGrad)]
[Input(1)]
[Dense(1)]
public partial class PointAdaGrad;

[Network(Optimizer = Optimizer.RMSProp)]
[Input(1)]
[Dense(1)]
public partial class PointRmsProp;

[Network(Optimizer = Optimizer.Adam)]
[Input(1)]
[Dense(1)]
public partial class PointAdam;

/// <summary>Experiment 4: the six optimizers' paths over three non-convex surfaces.</summary>
internal static class OptimizerSurfaces
{
    /// <summary>A surface f(x, y), its gradient, where the paths start, the rates (SGD and momentum; adaptive) and the steps.</summary>
    private sealed record Surface(
        string Name, Func<double, double, double> F, Func<double, double, (double X, double Y)> Gradient,
        (double X, double Y) Start, float Rate, float AdaptiveRate, int Steps, CoordinateRect View);

    private static readonly Surface Saddle = new(
        "Saddle: f = x² − y² + y⁴/2",
        (x, y) => (x * x) - (y * y) + (Math.Pow(y, 4) / 2),
        (x, y) => (2 * x, (-2 * y) + (2 * Math.Pow(y, 3))),
        (1.0, 1e-3), Rate: 0.01f, AdaptiveRate: 0.01f, Steps: 200, new CoordinateRect(-1.2, 1.2, -1.5, 1.5));

    private static readonly Surface Rosenbrock = new(
        "Rosenbrock's valley: f = (1 − x)² + 100 (y − x²)²",
        (x, y) => Math.Pow(1 - x, 2) + (100 * Math.Pow(y - (x * x), 2)),
        (x, y) => ((-2 * (1 - x)) - (400 * x * (y - (x * x))), 200 * (y - (x * x))),
        (-1.2, 1.0), Rate: 0.001f, AdaptiveRate: 0.05f, Steps: 2000, new CoordinateRect(-2, 2, -1, 3));

    private static readonly Surface TwoMinima = new(
        "A local minimum: f = (x² − 1)² + 0.3 x + y²",
        (x, y) => Math.Pow((x * x) - 1, 2) + (0.3 * x) + (y * y),
        (x, y) => ((4 * x * ((x * x) - 1)) + 0.3, 2 * y),
        (2.0, 1.0), Rate: 0.01f, AdaptiveRate: 0.05f, Steps: 500, new CoordinateRect(-2, 2.3, -1.5, 1.5));

    public static Chapter Run(TourOptions options)
    {
        Surface[] surfaces = [Saddle, Rosenbrock, TwoMinima];
        var multiplot = Charts.Grid(1, 3);
        var ends = new Dictionary<(Surface, string), (double X, double Y)>();
        var evidence = new List<string>();
        for (int s = 0; s < surfaces.Length; s++)
        {
            Surface surface = surfaces[s];
            Plot plot = multiplot.GetPlot(s).Label(surface.Name, "x", "y");
            Contours(plot, surface);
            var line = new List<string>();
            foreach ((string name, ITrainableNetwork point, bool adaptive, int index) in Optimizers())
            {
                point.LearningRate = adaptive ? surface.AdaptiveRate : surface.Rate;
                List<(double X, double Y)> path = Walk(point, surface);
                ends[(surface, name)] = path[^1];
                Charts.Line(plot, path.Select(p => p.X).ToArray(), path.Select(p => p.Y).ToArray(), $"{name} (η = {point.LearningRate})", Charts.Color(index));
                plot.Add.Marker(path[^1].X, path[^1].Y, MarkerShape.FilledSquare, 9, Charts.Color(index));
                line.Add($"{name} ({Charts.Number(path[^1].X)}, {Charts.Number(path[^1].Y)})");
            }

            plot.Add.Marker(surface.Start.X, surface.Start.Y, MarkerShape.FilledCircle, 10, Colors.Black).LegendText = "start (squares: where each ends)";
            plot.Axes.SetLimits(surface.View);
            plot.ShowLegend(Alignment.LowerLeft);
            evidence.Add($"{surface.Name}, from ({surface.Start.X}, {surface.Start.Y}), {surface.Steps} steps, ends at: {string.Join("; ", line)}");
        }

        string image = Charts.Save(multiplot, options, "4-optimizers-on-surfaces.png", 1800, 620);
        (double X, double Y) End(Surface surface, string name) => ends[(surface, name)];
        double ToMinimum(string name) => Math.Sqrt(Math.Pow(End(Rosenbrock, name).X - 1, 2) + Math.Pow(End(Rosenbrock, name).Y - 1, 2));
        evidence.Add("Rosenbrock: distance left to the minimum (1, 1): " + string.Join(", ", Optimizers().Select(o => $"{o.Name} {Charts.Number(ToMinimum(o.Name))}")));

        // Stalls: still within 0.1 of the saddle's ridge y = 0. Escapes: reaches a valley floor (|y| near 1).
        bool saddle = Math.Abs(End(Saddle, "SGD").Y) < 0.1 && Math.Abs(End(Saddle, "Momentum").Y) > 0.5 && Math.Abs(End(Saddle, "Adam").Y) > 0.5;
        bool hill = End(TwoMinima, "SGD").X > 0 && End(TwoMinima, "Momentum").X < 0;
        bool valley = ToMinimum("Momentum") < ToMinimum("SGD") && ToMinimum("RMSProp") < ToMinimum("AdaGrad") && ToMinimum("Adam") < ToMinimum("AdaGrad");
        return Chapter.Judged(
            4,
            "Optimizers on a surface",
            "Plain gradient descent stalls near a saddle point, crawls along a curved valley and stops in the first local " +
            "minimum it meets. Momentum builds up speed along the valley and escapes the saddle, and it carries the search " +
            "over a small hill into the lower minimum. AdaGrad's steps shrink as its squared gradients pile up; " +
            "RMSProp's decaying average keeps them going, and Adam adds momentum to it.",
            image,
            evidence,
            saddle && hill && valley,
            $"after {Saddle.Steps} steps SGD is at y = {Charts.Number(End(Saddle, "SGD").Y)} beside the saddle, Momentum at " +
            $"{Charts.Number(End(Saddle, "Momentum").Y)} and Adam at {Charts.Number(End(Saddle, "Adam").Y)}; in the two-minima " +
            $"surface SGD stops at x = {Charts.Number(End(TwoMinima, "SGD").X)}, Momentum at {Charts.Number(End(TwoMinima, "Momentum").X)}; " +
            $"in Rosenbrock's valley SGD ends {Charts.Number(ToMinimum("SGD"))} from the minimum, Momentum {Charts.Number(ToMinimum("Momentum"))}, " +
            $"AdaGrad {Charts.Number(ToMinimum("AdaGrad"))}, RMSProp {Charts.Number(ToMinimum("RMSProp"))} and Adam {Charts.Number(ToMinimum("Adam"))}.",
            []);
    }

    // A fresh optimizer state for every surface: one new network each time.
    private static IEnumerable<(string Name, ITrainableNetwork Point, bool Adaptive, int Index)> Optimizers() =>
    [
        ("SGD", new PointSgd(), false, 0), ("Momentum", new PointMomentum(), false, 1), ("Nesterov", new PointNesterov(), false, 2),
        ("AdaGrad", new PointAdaGrad(), true, 3), ("RMSProp", new PointRmsProp(), true, 4), ("Adam", new PointAdam(), true, 5),
    ];

    // The point is the parameters [w, b] = [x, y]: the gradient of f there, and one optimizer step.
    private static List<(double X, double Y)> Walk(ITrainableNetwork point, Surface surface)
    {
        point.SetParameters([(float)surface.Start.X, (float)surface.Start.Y]);
        var path = new List<(double X, double Y)> { surface.Start };
        Span<float> parameters = stackalloc float[2];
        for (int step = 0; step < surface.Steps; step++)
        {
            (double x, double y) = path[^1];
            (double gx, double gy) = surface.Gradient(x, y);
            point.ApplyGradient([(float)gx, (float)gy]);
            point.GetParameters(parameters);
            path.Add((parameters[0], parameters[1]));
        }

        return path;
    }

    private static void Contours(Plot plot, Surface surface)
    {
        const int Cells = 80;
        CoordinateRect view = surface.View;
        var grid = new Coordinates3d[Cells, Cells];
        for (int i = 0; i < Cells; i++)
        {
            for (int j = 0; j < Cells; j++)
            {
                double x = view.Left + (view.Width * j / (Cells - 1)), y = view.Bottom + (view.Height * i / (Cells - 1));
                // log keeps the contours readable where f spans orders of magnitude (Rosenbrock).
                grid[i, j] = new Coordinates3d(x, y, Math.Log(1 + surface.F(x, y) - MinimumOver(surface)));
            }
        }

        var contours = plot.Add.ContourLines(grid, 16);
        contours.LineColor = Colors.Gray.WithAlpha(0.6);
        contours.LabelStyle.IsVisible = false;
    }

    // Below every value in the view, so the log's argument stays at least 1.
    private static double MinimumOver(Surface surface) => surface == Rosenbrock ? 0 : surface == Saddle ? -0.5 : -0.3;
}
