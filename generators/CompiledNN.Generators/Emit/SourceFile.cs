namespace CompiledNN.Generators.Emit;

/// <summary>One generated file: its hint name (unique per network and concern) and its text.</summary>
internal readonly record struct SourceFile(string HintName, string Text);
