using System;
using System.Globalization;
using CompiledNN;
using CompiledNN.Data;

/// <summary>
/// Fashion-MNIST images classified by a 784-64-10 network baked in, as float32 or, built with <c>-p:Int8=true</c>, as
/// int8: the same weights file in a quarter of the bytes. <c>--fashion IMAGES LABELS</c> prints each image's class, one
/// a line, and the accuracy on standard error.
/// </summary>
internal static class FashionClassifier
{
    /// <summary>How the build baked the weights.</summary>
#if INT8
    public const string Weights = "int8";
#else
    public const string Weights = "float32";
#endif

    public static int Run(string imagesPath, string labelsPath)
    {
        Dataset images;
        try
        {
            images = IdxDataset.Load(imagesPath, labelsPath, classCount: FashionNet.OutputSize);
        }
        catch (Exception exception) when (exception is System.IO.IOException or System.IO.InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(exception.Message);
            return 2;
        }

        if (images.FeatureCount != FashionNet.InputSize)
        {
            Console.Error.WriteLine($"The images have {images.FeatureCount} pixels, not the {FashionNet.InputSize} of Fashion-MNIST.");
            return 2;
        }

        int correct = 0;
        var output = new System.Text.StringBuilder();
        for (int row = 0; row < images.Count; row++)
        {
            int predicted = FashionNet.PredictClass(images.FeatureRow(row));
            correct += predicted == images.ClassOf(row) ? 1 : 0;
            output.Append(predicted).Append('\n');
        }

        Console.Out.Write(output.ToString());
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Weights}: {correct} of {images.Count} images correct ({100.0 * correct / images.Count:F2} %)"));
        return 0;
    }
}

/// <summary>784-64-10 trained on Fashion-MNIST by samples/FashionMnist (<c>--small --epochs 10 --save</c>).</summary>
[Network]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
#if INT8
[Weights("fashion-784-64-10.weights.json", InferenceOnly = true, Quantization = Quantization.Int8)]
#else
[Weights("fashion-784-64-10.weights.json", InferenceOnly = true)]
#endif
internal sealed partial class FashionNet;
