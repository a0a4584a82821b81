using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CompiledNN.Samples.TheoryTour;
using Xunit;

namespace CompiledNN.Samples.TheoryTour.Tests;

/// <summary>The tour, run once in quick mode into a temporary directory, for all the tests of this class.</summary>
public sealed class QuickTour : IDisposable
{
    public QuickTour()
    {
        Directory = Path.Combine(Path.GetTempPath(), "theory-tour-" + Guid.NewGuid().ToString("N"));
        Chapters = Tour.Run(new TourOptions(Directory, Quick: true, TourOptions.DebianFashionMnist));
    }

    public string Directory { get; }

    public IReadOnlyList<Chapter> Chapters { get; }

    public string Page => File.ReadAllText(Path.Combine(Directory, "index.html"));

    public Chapter Chapter(int number) => Chapters.Single(c => c.Number == number);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>What CI checks of the tour: the pictures exist, and every claim's evidence came out as the page says.</summary>
public sealed class QuickTourTests(QuickTour tour) : IClassFixture<QuickTour>
{
    public static TheoryData<int> Experiments => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Experiments))]
    public void The_run_supports_the_claim(int number)
    {
        Chapter chapter = tour.Chapter(number);
        Assert.True(chapter.Verdict == Verdict.Supported, $"{chapter.Number}. {chapter.Title}: {chapter.Conclusion}\n{string.Join("\n", chapter.Evidence)}");
        Assert.StartsWith("Supported: ", chapter.Conclusion, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void The_picture_is_a_png_the_page_shows_with_the_verdict(int number)
    {
        Chapter chapter = tour.Chapter(number);
        Assert.NotNull(chapter.Image);
        byte[] png = File.ReadAllBytes(Path.Combine(tour.Directory, chapter.Image));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.True(png.Length > 20_000, $"{chapter.Image} has {png.Length} bytes: too small for a plot");
        string page = tour.Page;
        Assert.Contains($"<img src=\"{chapter.Image}\"", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(chapter.Conclusion), page, StringComparison.Ordinal);
        Assert.All(chapter.Evidence, line => Assert.Contains(System.Net.WebUtility.HtmlEncode(line), page, StringComparison.Ordinal));
    }

    [Fact]
    public void The_pictures_have_text() =>
        Assert.True(Tour.HasFonts, "SkiaSharp finds no font, so the pictures have no text: install fonts-dejavu-core (Debian).");

    [Theory]
    [InlineData(2, "CNN1003", 2)] // the sigmoid and the tanh stack
    [InlineData(3, "CNN1001", 1)] // MSE on the softmax output
    [InlineData(6, "CNN1004", 2)] // tanh with He, ReLU with Xavier
    public void The_page_quotes_the_analyzer_warning_from_the_build(int number, string id, int count)
    {
        Chapter chapter = tour.Chapter(number);
        Assert.Equal(count, chapter.Warnings.Count(w => w.Id == id));
        Assert.All(chapter.Warnings, w => Assert.Contains(System.Net.WebUtility.HtmlEncode(w.ToString()), tour.Page, StringComparison.Ordinal));
    }
}
