using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace CompiledNN.CodeFixes;

/// <summary>
/// The mechanical fixes of one attribute argument: the validator puts the value an argument should take (or that it
/// should go) into the diagnostic's properties, so the rule and its fix are decided in one place. Switches MSE to
/// CrossEntropy on a Softmax output, a hidden Identity to ReLU, the init to the one matching the activation, an
/// out-of-range slope, learning rate, Adam beta or Huber δ to its default, a robust loss on a Softmax output to
/// CrossEntropy, and removes options that have no effect.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ArgumentCodeFixProvider))]
[Shared]
public sealed class ArgumentCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidLearningRate.Id,
        DiagnosticDescriptors.UnrolledLayerTooLarge.Id,
        DiagnosticDescriptors.MeanSquaredErrorWithSoftmax.Id,
        DiagnosticDescriptors.IdentityHiddenLayer.Id,
        DiagnosticDescriptors.InitDoesNotMatchActivation.Id,
        DiagnosticDescriptors.SlopeOutOfRange.Id,
        DiagnosticDescriptors.LearningRateOutOfRange.Id,
        DiagnosticDescriptors.OptionWithoutEffect.Id,
        DiagnosticDescriptors.AlphaWithoutEffect.Id,
        DiagnosticDescriptors.UnrolledLayerTooLargeForJit.Id,
        DiagnosticDescriptors.AdamBetasUnbounded.Id,
        DiagnosticDescriptors.InvalidHuberDelta.Id,
        DiagnosticDescriptors.RobustLossWithSoftmax.Id,
        DiagnosticDescriptors.HuberDeltaWithoutHuber.Id,
        DiagnosticDescriptors.QuantizationWithoutInferenceOnly.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The diagnostic sits on the argument at fault, or on the attribute when that argument is missing.
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            AttributeArgumentSyntax? argument = node.FirstAncestorOrSelf<AttributeArgumentSyntax>();
            AttributeSyntax? attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute is null)
            {
                continue;
            }

            if (diagnostic.Properties.ContainsKey(FixProperties.Remove) && argument is not null)
            {
                string name = argument.NameEquals?.Name.Identifier.ValueText ?? argument.ToString();
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove {name}", _ => Task.FromResult(Remove(context.Document, root, attribute, argument)), equivalenceKey: diagnostic.Id + ".Remove"),
                    diagnostic);
            }
            else if (diagnostic.Properties.TryGetValue(FixProperties.Replacement, out string? replacement) && replacement is not null)
            {
                string title = argument?.NameEquals is { } named ? $"Set {named.Name.Identifier.ValueText} to {replacement}" : $"Use {replacement}";
                context.RegisterCodeFix(
                    CodeAction.Create(title, _ => Task.FromResult(Replace(context.Document, root, attribute, argument, replacement)), equivalenceKey: diagnostic.Id + "." + replacement),
                    diagnostic);
            }
        }
    }

    private static Document Remove(Document document, SyntaxNode root, AttributeSyntax attribute, AttributeArgumentSyntax argument)
    {
        AttributeArgumentListSyntax list = attribute.ArgumentList!;
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = list.Arguments.Remove(argument);
        AttributeSyntax fixedAttribute = arguments.Count == 0 ? attribute.WithArgumentList(null) : attribute.WithArgumentList(list.WithArguments(arguments));
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute));
    }

    private static Document Replace(Document document, SyntaxNode root, AttributeSyntax attribute, AttributeArgumentSyntax? argument, string replacement)
    {
        if (argument is not null)
        {
            ExpressionSyntax value = NewValue(argument.Expression, replacement).WithTriviaFrom(argument.Expression);
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, value));
        }

        // The argument is missing (a Dense layer that took the default Identity): add it after the positional ones.
        AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        int position = list.Arguments.Count(static a => a.NameEquals is null);
        var arguments = list.Arguments.Insert(position, SyntaxFactory.AttributeArgument(NewValue(null, replacement)));
        var separated = SyntaxFactory.SeparatedList(
            arguments,
            Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), arguments.Count - 1));
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(list.WithArguments(separated))));
    }

    /// <summary>
    /// The replacement as the user would write it: an enum member keeps the qualification the user chose; otherwise it
    /// is written fully qualified and simplified against the file's usings.
    /// </summary>
    private static ExpressionSyntax NewValue(ExpressionSyntax? old, string replacement)
    {
        int dot = replacement.LastIndexOf('.');
        bool isEnumMember = dot > 0 && char.IsLetter(replacement[0]);
        if (!isEnumMember)
        {
            return SyntaxFactory.ParseExpression(replacement);
        }

        string member = replacement.Substring(dot + 1);
        return old switch
        {
            MemberAccessExpressionSyntax access => access.WithName(SyntaxFactory.IdentifierName(member)),
            IdentifierNameSyntax => SyntaxFactory.IdentifierName(member),
            _ => SyntaxFactory.ParseExpression("global::CompiledNN." + replacement).WithAdditionalAnnotations(Simplifier.Annotation),
        };
    }
}
