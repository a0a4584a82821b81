/* Classifies Iris flowers with the network in libiris.so, through iris.h.
 *   classify FILE            one flower per line of FILE (four measurements in cm); prints the class, the three
 *                            probabilities and their bits in hex, one line per flower
 *   classify --time FILE     times iris_predict on each flower of FILE in turn, and iris_predict_batch on all of them
 *   classify --check-errors  calls every function with bad arguments and checks the status codes it returns
 * Build: gcc -O2 -I PUBLISH_DIR classify.c -L PUBLISH_DIR -liris -Wl,-rpath,PUBLISH_DIR -o classify */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iris.h"

static const char* const classes[IRIS_OUTPUT_SIZE] = { "setosa", "versicolor", "virginica" };

static unsigned int bits(float value)
{
    unsigned int b;
    memcpy(&b, &value, sizeof b);
    return b;
}

static void print_row(const float* p)
{
    int best = 0;
    for (int k = 1; k < IRIS_OUTPUT_SIZE; k++)
        if (p[k] > p[best])
            best = k;
    printf("%s %.6f %.6f %.6f %08x %08x %08x\n", classes[best], p[0], p[1], p[2], bits(p[0]), bits(p[1]), bits(p[2]));
}

enum { MAX_ROWS = 1024 };
static float inputs[MAX_ROWS * IRIS_INPUT_SIZE], outputs[MAX_ROWS * IRIS_OUTPUT_SIZE], batch[MAX_ROWS * IRIS_OUTPUT_SIZE];

/* Reads up to MAX_ROWS flowers into inputs; returns how many, or -1 if the file cannot be opened. */
static int read_flowers(const char* path)
{
    FILE* file = fopen(path, "r");
    if (!file) {
        perror(path);
        return -1;
    }

    int rows = 0;
    float* x = inputs;
    while (rows < MAX_ROWS && fscanf(file, "%f %f %f %f", &x[0], &x[1], &x[2], &x[3]) == IRIS_INPUT_SIZE) {
        rows++;
        x += IRIS_INPUT_SIZE;
    }
    fclose(file);
    return rows;
}

static double seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec * 1e-9;
}

/* Median of five rounds of about 0.2 s each, in nanoseconds per call. */
static int time_calls(const char* path)
{
    int rows = read_flowers(path);
    if (rows <= 0)
        return 2;

    for (int batch_call = 0; batch_call < 2; batch_call++) {
        double rounds[5];
        for (int round = 0; round < 5; round++) {
            long calls = 0;
            double start = seconds(), elapsed;
            do {
                for (int r = 0; r < rows; r++) {
                    if (batch_call ? iris_predict_batch(inputs, rows, batch) : iris_predict(inputs + r * IRIS_INPUT_SIZE, IRIS_INPUT_SIZE, outputs, IRIS_OUTPUT_SIZE))
                        return 1;
                    calls++;
                }
                elapsed = seconds() - start;
            } while (elapsed < 0.2);
            rounds[round] = elapsed * 1e9 / calls;
        }
        for (int i = 1; i < 5; i++)
            for (int j = i; j > 0 && rounds[j] < rounds[j - 1]; j--) {
                double t = rounds[j]; rounds[j] = rounds[j - 1]; rounds[j - 1] = t;
            }
        if (batch_call)
            printf("iris_predict_batch: %.0f ns per call of %d rows (%.1f ns per row)\n", rounds[2], rows, rounds[2] / rows);
        else
            printf("iris_predict: %.1f ns per call\n", rounds[2]);
    }
    return 0;
}

static int classify(const char* path)
{
    int rows = read_flowers(path);
    if (rows < 0)
        return 2;

    for (int r = 0; r < rows; r++) {
        int status = iris_predict(inputs + r * IRIS_INPUT_SIZE, IRIS_INPUT_SIZE, outputs + r * IRIS_OUTPUT_SIZE, IRIS_OUTPUT_SIZE);
        if (status != IRIS_OK) {
            fprintf(stderr, "iris_predict: %d, %s\n", status, iris_last_error());
            return 1;
        }
        print_row(outputs + r * IRIS_OUTPUT_SIZE);
    }

    /* The whole file at once gives the same bits, row by row. */
    int status = iris_predict_batch(inputs, rows, batch);
    if (status != IRIS_OK || memcmp(batch, outputs, sizeof(float) * rows * IRIS_OUTPUT_SIZE) != 0) {
        fprintf(stderr, "iris_predict_batch: %d, %s; or its outputs differ from iris_predict's\n", status, iris_last_error());
        return 1;
    }
    return 0;
}

static int failures = 0, checks = 0;

static void expect(const char* call, int status, int expected)
{
    checks++;
    if (status != expected) {
        fprintf(stderr, "%s returned %d, expected %d\n", call, status, expected);
        failures++;
    } else if (expected != IRIS_OK && iris_last_error()[0] == '\0') {
        fprintf(stderr, "%s failed without a message\n", call);
        failures++;
    }
}

static int check_errors(void)
{
    float input[IRIS_INPUT_SIZE] = { 5.1f, 3.5f, 1.4f, 0.2f }, output[IRIS_OUTPUT_SIZE];
    float inputs[2 * IRIS_INPUT_SIZE] = { 5.1f, 3.5f, 1.4f, 0.2f, 6.3f, 3.3f, 6.0f, 2.5f }, outputs[2 * IRIS_OUTPUT_SIZE];

    if (iris_input_size() != IRIS_INPUT_SIZE || iris_output_size() != IRIS_OUTPUT_SIZE || iris_parameter_count() != IRIS_PARAMETER_COUNT) {
        fprintf(stderr, "the size functions disagree with iris.h\n");
        return 1;
    }

    expect("iris_predict", iris_predict(input, IRIS_INPUT_SIZE, output, IRIS_OUTPUT_SIZE), IRIS_OK);
    expect("iris_predict(NULL input)", iris_predict(NULL, IRIS_INPUT_SIZE, output, IRIS_OUTPUT_SIZE), IRIS_ERROR_NULL_POINTER);
    expect("iris_predict(NULL output)", iris_predict(input, IRIS_INPUT_SIZE, NULL, IRIS_OUTPUT_SIZE), IRIS_ERROR_NULL_POINTER);
    expect("iris_predict(short input)", iris_predict(input, IRIS_INPUT_SIZE - 1, output, IRIS_OUTPUT_SIZE), IRIS_ERROR_WRONG_LENGTH);
    expect("iris_predict(long output)", iris_predict(input, IRIS_INPUT_SIZE, output, IRIS_OUTPUT_SIZE + 1), IRIS_ERROR_WRONG_LENGTH);
    expect("iris_predict(negative length)", iris_predict(input, -1, output, IRIS_OUTPUT_SIZE), IRIS_ERROR_WRONG_LENGTH);

    /* A rejected call leaves the output as it was. */
    float untouched[IRIS_OUTPUT_SIZE] = { -1.0f, -1.0f, -1.0f };
    input[2] = NAN;
    expect("iris_predict(NaN)", iris_predict(input, IRIS_INPUT_SIZE, untouched, IRIS_OUTPUT_SIZE), IRIS_ERROR_NOT_FINITE);
    input[2] = INFINITY;
    expect("iris_predict(infinity)", iris_predict(input, IRIS_INPUT_SIZE, untouched, IRIS_OUTPUT_SIZE), IRIS_ERROR_NOT_FINITE);
    if (untouched[0] != -1.0f || untouched[1] != -1.0f || untouched[2] != -1.0f) {
        fprintf(stderr, "a rejected iris_predict wrote its output\n");
        failures++;
    }

    expect("iris_predict_batch", iris_predict_batch(inputs, 2, outputs), IRIS_OK);
    expect("iris_predict_batch(0 rows)", iris_predict_batch(NULL, 0, NULL), IRIS_OK);
    expect("iris_predict_batch(negative rows)", iris_predict_batch(inputs, -2, outputs), IRIS_ERROR_WRONG_LENGTH);
    expect("iris_predict_batch(too many rows)", iris_predict_batch(inputs, 0x7fffffff, outputs), IRIS_ERROR_WRONG_LENGTH);
    expect("iris_predict_batch(NULL inputs)", iris_predict_batch(NULL, 2, outputs), IRIS_ERROR_NULL_POINTER);
    expect("iris_predict_batch(NULL outputs)", iris_predict_batch(inputs, 2, NULL), IRIS_ERROR_NULL_POINTER);
    inputs[5] = NAN;
    expect("iris_predict_batch(NaN)", iris_predict_batch(inputs, 2, outputs), IRIS_ERROR_NOT_FINITE);

    printf("status codes: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}

int main(int argc, char** argv)
{
    if (argc == 2 && strcmp(argv[1], "--check-errors") == 0)
        return check_errors();
    if (argc == 3 && strcmp(argv[1], "--time") == 0)
        return time_calls(argv[2]);
    if (argc == 2)
        return classify(argv[1]);
    fprintf(stderr, "usage: %s FILE | --time FILE | --check-errors\n", argv[0]);
    return 2;
}
