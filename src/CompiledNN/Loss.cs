namespace CompiledNN;

/// <summary>The loss a <see cref="NetworkAttribute"/> network is trained on, averaged like PyTorch's <c>reduction='mean'</c>.</summary>
/// <remarks>This file is also compiled into the generator.</remarks>
public enum Loss
{
    /// <summary>Softmax output → <see cref="CrossEntropy"/>, sigmoid output → <see cref="BinaryCrossEntropy"/>, otherwise <see cref="MeanSquaredError"/>.</summary>
    Auto = 0,

    /// <summary>Mean of the squared errors over every output of every row.</summary>
    MeanSquaredError = 1,

    /// <summary>Softmax and negative log-likelihood fused; needs a Softmax output layer. Mean over the rows.</summary>
    CrossEntropy = 2,

    /// <summary>Sigmoid and binary cross-entropy fused (PyTorch's <c>BCEWithLogitsLoss</c>); needs a Sigmoid output layer. Mean over every output of every row.</summary>
    BinaryCrossEntropy = 3,

    /// <summary>
    /// Huber loss (PyTorch's <c>HuberLoss</c>), with δ from <see cref="NetworkAttribute.HuberDelta"/>: <c>(a − t)² / 2</c> where
    /// <c>|a − t| ≤ δ</c>, <c>δ (|a − t| − δ / 2)</c> beyond, so outliers pull linearly instead of quadratically. Mean over every output of every row.
    /// </summary>
    Huber = 4,

    /// <summary>Mean absolute error (PyTorch's <c>L1Loss</c>); its gradient at <c>a = t</c> is 0, as PyTorch's sign. Mean over every output of every row.</summary>
    L1 = 5,
}
