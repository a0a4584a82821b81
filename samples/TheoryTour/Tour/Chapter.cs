using System.Collections.Generic;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>What one experiment found: the claim, its picture, the numbers of this run and the verdict on them.</summary>
/// <param name="Number">The experiment's number in the tour.</param>
/// <param name="Title">A short title, the theory's name for the subject.</param>
/// <param name="Claim">What the theory says, in a sentence or two.</param>
/// <param name="Image">The picture's file name in the output directory, or null when the experiment did not run.</param>
/// <param name="Evidence">The numbers measured in this run, one line each.</param>
/// <param name="Verdict">Whether those numbers support the claim.</param>
/// <param name="Conclusion">One sentence that says so, with the deciding numbers.</param>
/// <param name="Warnings">The analyzer warnings the experiment's networks get, as the compiler reported them.</param>
public sealed record Chapter(
    int Number,
    string Title,
    string Claim,
    string? Image,
    IReadOnlyList<string> Evidence,
    Verdict Verdict,
    string Conclusion,
    IReadOnlyList<AnalyzerWarning> Warnings)
{
    /// <summary>A chapter whose numbers do or do not support the claim, as <paramref name="because"/> says with them.</summary>
    /// <returns>The chapter, its conclusion "Supported: …" or "Not supported: …".</returns>
    public static Chapter Judged(
        int number, string title, string claim, string image, IReadOnlyList<string> evidence, bool supported, string because, IReadOnlyList<AnalyzerWarning> warnings) =>
        new(number, title, claim, image, evidence, supported ? Verdict.Supported : Verdict.NotSupported, $"{(supported ? "Supported" : "Not supported")}: {because}", warnings);

    /// <summary>How long the experiment took, in seconds.</summary>
    public double Seconds { get; init; }
}

/// <summary>The verdict of a run's numbers on a claim.</summary>
public enum Verdict
{
    /// <summary>The numbers came out as the claim says.</summary>
    Supported,

    /// <summary>They did not.</summary>
    NotSupported,

    /// <summary>The experiment could not run (its data or an API it needs is missing).</summary>
    NotRun,
}
