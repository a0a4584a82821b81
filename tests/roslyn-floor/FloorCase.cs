namespace RoslynFloor;

/// <summary>
/// A declaration compiled at C# 12 by the old compiler host: with no expected diagnostic it must generate code that
/// compiles without an error or warning; otherwise each expected ID must be reported and nothing may crash.
/// </summary>
/// <param name="Name">What the case shows.</param>
/// <param name="Source">The user's source file.</param>
/// <param name="ExpectedIds">Diagnostic IDs the analyzers must report (empty: the case must compile cleanly).</param>
/// <param name="AdditionalFile">A file beside the host given to the compilation as an AdditionalFiles item.</param>
internal sealed record FloorCase(string Name, string Source, string[] ExpectedIds, string? AdditionalFile = null);
