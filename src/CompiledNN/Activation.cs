namespace CompiledNN;

/// <summary>The activation function applied to a layer's pre-activations.</summary>
/// <remarks>Formulas follow PyTorch (see DESIGN.md §3). This file is also compiled into the generator.</remarks>
public enum Activation
{
    /// <summary><c>f(x) = x</c>.</summary>
    Identity = 0,

    /// <summary><c>f(x) = 1 / (1 + e^-x)</c>.</summary>
    Sigmoid = 1,

    /// <summary><c>f(x) = tanh(x)</c>.</summary>
    Tanh = 2,

    /// <summary><c>f(x) = max(0, x)</c>; its gradient at 0 is 0, as in PyTorch.</summary>
    ReLU = 3,

    /// <summary><c>f(x) = x &gt; 0 ? x : αx</c>, α from <see cref="DenseAttribute.Alpha"/> (default 0.01).</summary>
    LeakyReLU = 4,

    /// <summary><c>f(x) = log(1 + e^x)</c>, computed without overflow.</summary>
    Softplus = 5,

    /// <summary><c>f(x) = x &gt; 0 ? x : α(e^x − 1)</c>, α from <see cref="DenseAttribute.Alpha"/> (default 1).</summary>
    ELU = 6,

    /// <summary>Normalised exponentials over the layer, computed with the maximum subtracted.</summary>
    Softmax = 7,

    /// <summary><c>f(x) = x ≥ 0 ? 1 : 0</c>; it has no useful gradient, so only perceptrons and neurons use it.</summary>
    Step = 8,

    /// <summary><c>f(x) = x Φ(x) = x (1 + erf(x / √2)) / 2</c>, the exact (erf) form that is PyTorch's default <c>nn.GELU()</c>.</summary>
    GELU = 9,

    /// <summary><c>f(x) = x σ(x) = x / (1 + e^-x)</c>, also called swish (PyTorch's <c>nn.SiLU</c>).</summary>
    SiLU = 10,

    /// <summary><c>f(x) = x tanh(softplus(x))</c> (PyTorch's <c>nn.Mish</c>).</summary>
    Mish = 11,
}
