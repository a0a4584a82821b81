namespace CompiledNN;

/// <summary>How the weights of a network are drawn when it is constructed. Biases start at zero.</summary>
/// <remarks>This file is also compiled into the generator.</remarks>
public enum Initialization
{
    /// <summary>He for layers whose activation is in the ReLU family (ReLU, LeakyReLU, ELU), Xavier otherwise; uniform.</summary>
    Auto = 0,

    /// <summary>Glorot: <c>U(−a, a)</c> with <c>a = √(6 / (fan_in + fan_out))</c>.</summary>
    XavierUniform = 1,

    /// <summary>Glorot: <c>N(0, 2 / (fan_in + fan_out))</c>.</summary>
    XavierNormal = 2,

    /// <summary>Kaiming: <c>U(−b, b)</c> with <c>b = √(6 / fan_in)</c>.</summary>
    HeUniform = 3,

    /// <summary>Kaiming: <c>N(0, 2 / fan_in)</c>.</summary>
    HeNormal = 4,
}
