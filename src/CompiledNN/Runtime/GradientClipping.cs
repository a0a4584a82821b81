using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>Gradient clipping by the total L2 norm, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientClipping
{
    /// <summary>PyTorch's guard against a zero norm in <c>max_norm / (total_norm + 1e-6)</c>.</summary>
    private const float NormGuard = 1e-6f;

    /// <summary>
    /// Scales <paramref name="gradient"/> by <c>maxNorm / (‖g‖₂ + 1e-6)</c> when that factor is below 1, and leaves it
    /// unchanged otherwise. The norm is summed in double, so it does not depend on how the parameters are laid out.
    /// </summary>
    /// <param name="gradient">The mean gradient of every parameter; scaled in place.</param>
    /// <param name="maxNorm">The largest norm allowed, greater than 0.</param>
    public static void ClipNorm(Span<float> gradient, float maxNorm)
    {
        double squares = 0;
        foreach (float g in gradient)
        {
            squares += (double)g * g;
        }

        float coefficient = maxNorm / ((float)Math.Sqrt(squares) + NormGuard);
        if (coefficient < 1f)
        {
            foreach (ref float g in gradient)
            {
                g *= coefficient;
            }
        }
    }
}
