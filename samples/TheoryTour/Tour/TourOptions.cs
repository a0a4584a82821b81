namespace CompiledNN.Samples.TheoryTour;

/// <summary>How the tour runs.</summary>
/// <param name="OutputDirectory">Where the pictures and index.html go.</param>
/// <param name="Quick">Fewer steps and epochs (for CI): the same pictures and checks, with noisier numbers.</param>
/// <param name="FashionMnistDirectory">Where Fashion-MNIST's IDX files are (Debian's dataset-fashion-mnist by default).</param>
public sealed record TourOptions(string OutputDirectory, bool Quick, string FashionMnistDirectory)
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the files.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    /// <summary>The step or epoch count of the full run, or of the quick one.</summary>
    public int Pick(int full, int quick) => Quick ? quick : full;
}
