using System;
using System.Globalization;
using CompiledNN;
using LogicGates;

// The four rows of every two-input truth table, and the targets of the gates the perceptron is asked to learn.
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] and = [0, 0, 0, 1];
float[] or = [0, 1, 1, 1];
float[] xor = [0, 1, 1, 0];
const int Seed = 0;
const int MaxEpochs = 1000;

Console.WriteLine("1. McCulloch-Pitts neurons (1943): fixed weights, a threshold, no learning");
Console.WriteLine();
Console.WriteLine($"   AND: w = ({Weights(AndGate.Weights)}), threshold {Plain(AndGate.Threshold)}    OR: w = ({Weights(OrGate.Weights)}), threshold {Plain(OrGate.Threshold)}");
Console.WriteLine();
Console.WriteLine("   x1 x2 | AND  OR");
Console.WriteLine("   ------+--------");
var andGate = new AndGate();
var orGate = new OrGate();
foreach ((bool a, bool b) in new[] { (false, false), (false, true), (true, false), (true, true) })
{
    Console.WriteLine($"    {Bit(a)}  {Bit(b)} |  {Bit(andGate.Fire(a, b))}    {Bit(orGate.Fire(a, b))}");
}

Console.WriteLine();
Console.WriteLine($"   NOT: w = ({Weights(NotGate.Weights)}), threshold {Plain(NotGate.Threshold)}");
Console.WriteLine();
Console.WriteLine("   x | NOT");
Console.WriteLine("   --+----");
var notGate = new NotGate();
foreach (bool a in new[] { false, true })
{
    Console.WriteLine($"   {Bit(a)} |  {Bit(notGate.Fire(a))}");
}

Console.WriteLine();
Console.WriteLine("2. The perceptron (1958) learns its weights with w += η (t − y) x, b += η (t − y)");
Console.WriteLine();
Console.WriteLine("   gate | converged | epochs | errors in last epoch | best accuracy | w1      w2      b       | learned outputs");
Console.WriteLine("   -----+-----------+--------+----------------------+---------------+-------------------------+----------------");
foreach ((string name, float[] targets) in new[] { ("AND", and), ("OR", or), ("XOR", xor) })
{
    var perceptron = new GatePerceptron(Seed);
    PerceptronFitResult result = perceptron.Fit(inputs, targets, MaxEpochs);
    float[] parameters = new float[GatePerceptron.ParameterCount];
    perceptron.GetParameters(parameters);
    float[] outputs = new float[targets.Length];
    perceptron.PredictBatch(inputs, outputs);
    Console.WriteLine(
        $"   {name,-4} | {(result.Converged ? "yes" : "NO"),-9} | {result.Epochs,6} | {result.ErrorsInLastEpoch,20} | {Percent(result.BestAccuracy),13} | " +
        $"{Number(parameters[0]),7} {Number(parameters[1]),7} {Number(parameters[2]),7} | {Outputs(outputs)} (want {Outputs(targets)})");
}

Console.WriteLine();
Console.WriteLine("   XOR is not linearly separable: no line puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other,");
Console.WriteLine($"   so the perceptron never has an epoch without error. After {MaxEpochs} epochs it reports that it did not converge;");
Console.WriteLine("   the best a line can do is 3 rows of 4 (75%). Minsky and Papert made this limit famous in 1969.");
Console.WriteLine();

Console.WriteLine("3. A multilayer network learns XOR: 2 inputs → 4 tanh → 1 sigmoid, Adam on binary cross-entropy, backpropagation");
Console.WriteLine();
var network = new XorNetwork(Seed);
int epochs = 0;
float loss = network.ComputeLoss(inputs, xor);
float initialLoss = loss;
while (epochs < 5000 && !Solves(network, inputs, xor))
{
    loss = network.TrainBatch(inputs, xor);
    epochs++;
}

// A few more steps past the first correct epoch push the outputs away from the 0.5 boundary.
for (int extra = 0; extra < 200; extra++)
{
    loss = network.TrainBatch(inputs, xor);
}

loss = network.ComputeLoss(inputs, xor);
Console.WriteLine($"   all four rows right after {epochs} full-batch steps (200 more to gain margin); loss {Number(initialLoss)} → {Number(loss)}");
Console.WriteLine();
Console.WriteLine("   x1 x2 | XOR | network output | class");
Console.WriteLine("   ------+-----+----------------+------");
float[] output = new float[1];
for (int row = 0; row < 4; row++)
{
    ReadOnlySpan<float> x = inputs.AsSpan(row * 2, 2);
    network.Predict(x, output);
    Console.WriteLine($"    {Plain(x[0])}  {Plain(x[1])} |  {Plain(xor[row])}  | {Number(output[0]),14} |   {network.PredictClass(x)}");
}

Console.WriteLine();
Console.WriteLine(Solves(network, inputs, xor)
    ? "   The hidden layer bends the decision boundary, which one step unit cannot: XOR is learned."
    : "   The network did not learn XOR with this seed.");

static bool Solves(XorNetwork network, float[] inputs, float[] targets)
{
    for (int row = 0; row < targets.Length; row++)
    {
        if (network.PredictClass(inputs.AsSpan(row * 2, 2)) != (int)targets[row])
        {
            return false;
        }
    }

    return true;
}

static string Bit(bool value) => value ? "1" : "0";

static string Number(float value) => value.ToString("0.000", CultureInfo.InvariantCulture);

static string Percent(float value) => value.ToString("0%", CultureInfo.InvariantCulture);

static string Plain(float value) => value.ToString(CultureInfo.InvariantCulture);

static string Weights(ReadOnlySpan<float> weights) => string.Join(", ", Array.ConvertAll(weights.ToArray(), Plain));

static string Outputs(float[] values) => string.Join(" ", Array.ConvertAll(values, Plain));
