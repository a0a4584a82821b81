using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CompiledNN.Data;

/// <summary>Loads an image/label pair of IDX files (MNIST, Fashion-MNIST) as a <see cref="Dataset"/> of flattened images and one-hot labels.</summary>
public static class IdxDataset
{
    /// <summary>The classes of Fashion-MNIST, in label order.</summary>
    public static IReadOnlyList<string> FashionMnistClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Reads the images and labels and pairs them row by row.</summary>
    /// <param name="imagesPath">An IDX file of N items of any shape (e.g. N × 28 × 28); each item becomes one feature row.</param>
    /// <param name="labelsPath">An IDX file of N class labels in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes; at least 1.</param>
    /// <param name="classNames">The name of each class, or <see langword="null"/>.</param>
    /// <returns>The dataset; unsigned-byte pixels are scaled from [0, 255] to [0, 1].</returns>
    /// <exception cref="InvalidDataException">A file is malformed, the counts differ, a label is not a class index, or an image value is not finite (the message names the file and the value's position).</exception>
    public static Dataset Load(string imagesPath, string labelsPath, int classCount = 10, IReadOnlyList<string>? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        var images = IdxFile.Read(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        if (labels.Dimensions.Length != 1)
        {
            throw new InvalidDataException($"{labelsPath}: expected one dimension (a label per item), but the file has {labels.Dimensions.Length}.");
        }

        int count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
        {
            throw new InvalidDataException($"{labelsPath}: {labels.Dimensions[0]} labels, but {imagesPath} holds {count} items.");
        }

        var indices = new int[count];
        for (int i = 0; i < count; i++)
        {
            float label = labels.Values[i];
            if (!(label >= 0 && label < classCount) || label != MathF.Floor(label))
            {
                throw new InvalidDataException($"{labelsPath}: label {i} is {label}; expected a class index in [0, {classCount}).");
            }

            indices[i] = (int)label;
        }

        if (!OneHot.Fits(count, classCount))
        {
            throw new InvalidDataException($"{labelsPath}: {OneHot.TooLarge(count, classCount)}.");
        }

        float[] features = images.Values;
        int itemLength = features.Length / count;
        int notFinite = Array.FindIndex(features, static value => !float.IsFinite(value));
        if (notFinite >= 0)
        {
            // Float files can hold NaN or infinity, or a float64 beyond float32's range; neither can train a network.
            throw new InvalidDataException(
                $"{imagesPath}: value {notFinite % itemLength} of item {notFinite / itemLength} (value {notFinite} of the file) is {features[notFinite].ToString(CultureInfo.InvariantCulture)}; expected finite values.");
        }

        if (images.IsUnsignedByte)
        {
            for (int i = 0; i < features.Length; i++)
            {
                features[i] /= 255f; // as torchvision's ToTensor, so inputs match PyTorch bit for bit
            }
        }

        return new Dataset(features, itemLength, OneHot.Encode(indices, classCount), classCount, classNames);
    }
}
