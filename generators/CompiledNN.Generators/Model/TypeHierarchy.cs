using CompiledNN.Generators.Helpers;

namespace CompiledNN.Generators.Model;

/// <summary>One type of the chain from the network's class out to the outermost containing type.</summary>
/// <param name="Keyword">The declaration keyword to reopen it with (<c>class</c>, <c>struct</c>, <c>record</c>, …).</param>
/// <param name="Name">The type's name as written in C#.</param>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);

/// <summary>Where the network's class lives: enough to reopen it as a partial declaration in generated code.</summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="MetadataName">The fully qualified metadata name, unique per type, used for the hint name.</param>
/// <param name="Types">The network's class first, then each containing type outwards.</param>
internal sealed record TypeHierarchy(string Namespace, string MetadataName, EquatableArray<TypeDeclarationInfo> Types)
{
    /// <summary>The network class's own name.</summary>
    public string Name => Types[0].Name;

    /// <summary>The type's fully qualified C# name, from <c>global::</c>.</summary>
    public string GlobalName
    {
        get
        {
            var name = new System.Text.StringBuilder("global::");
            if (Namespace.Length > 0)
            {
                name.Append(Namespace).Append('.');
            }

            for (int i = Types.Count - 1; i >= 0; i--)
            {
                name.Append(Types[i].Name).Append(i > 0 ? "." : "");
            }

            return name.ToString();
        }
    }
}
