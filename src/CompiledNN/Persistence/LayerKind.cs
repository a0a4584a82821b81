namespace CompiledNN.Persistence;

/// <summary>The kinds of layer a <see cref="NetworkArchitecture"/> records, as their attributes are named.</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer.</summary>
    Dense,

    /// <summary>A 1-D convolution.</summary>
    Conv1D,

    /// <summary>A 2-D convolution.</summary>
    Conv2D,

    /// <summary>1-D max pooling.</summary>
    MaxPool1D,

    /// <summary>2-D max pooling.</summary>
    MaxPool2D,

    /// <summary>1-D average pooling.</summary>
    AvgPool1D,

    /// <summary>2-D average pooling.</summary>
    AvgPool2D,

    /// <summary>The mean of each channel.</summary>
    GlobalAvgPool,

    /// <summary>The values in C, H, W order as features.</summary>
    Flatten,

    /// <summary>Batch normalisation (γ, β per feature or channel; running mean and variance as buffers).</summary>
    BatchNorm,

    /// <summary>Layer normalisation (element-wise γ, β over a flat row).</summary>
    LayerNorm,
}
