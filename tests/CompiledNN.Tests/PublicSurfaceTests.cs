using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using CompiledNN.Persistence;
using CompiledNN.Runtime;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// What a user sees: a generated network's class holds its public API and one hidden field, and the runtime's plumbing,
/// which only generated code calls, is hidden from IntelliSense.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void Every_public_runtime_type_is_hidden_from_IntelliSense()
    {
        Type[] plumbing = typeof(Guard).Assembly.GetExportedTypes().Where(static t => t.Namespace == "CompiledNN.Runtime").ToArray();
        Assert.NotEmpty(plumbing);
        Type[] visible = plumbing.Where(static t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never).ToArray();
        Assert.True(visible.Length == 0, "Hide with [EditorBrowsable(Never)]: " + string.Join(", ", visible.Select(static t => t.Name)));
    }

    [Fact]
    public void A_network_class_adds_only_its_public_API_and_the_hidden_implementation()
    {
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic;
        string[] hidden = typeof(IrisNet).GetMembers(Declared)
            .Where(static m => m is not MethodInfo { IsSpecialName: true } && !m.Name.Contains('.', StringComparison.Ordinal))
            .Select(static m => m.Name)
            .OrderBy(static n => n, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["Implementation", "_implementation"], hidden);
        Assert.Equal(EditorBrowsableState.Never, typeof(IrisNet).GetField("_implementation", Declared)!.GetCustomAttribute<EditorBrowsableAttribute>()!.State);
        Assert.Equal(EditorBrowsableState.Never, typeof(IrisNet).GetNestedType("Implementation", BindingFlags.NonPublic)!.GetCustomAttribute<EditorBrowsableAttribute>()!.State);
        Assert.Equal([typeof(INetwork), typeof(IPersistentNetwork), typeof(ITrainableNetwork)], typeof(IrisNet).GetInterfaces().OrderBy(static t => t.Name, StringComparer.Ordinal));
    }
}
