/*
 * Where the hard-coded numbers of NetworkRandomTests and InitializationTests come from.
 * Build and run: gcc -O0 -o /tmp/ref splitmix64_reference.c -lm && /tmp/ref
 *
 * next() is the published SplitMix64 of Steele and Vigna (https://prng.di.unimi.it/splitmix64.c), copied verbatim;
 * the transforms below it are the ones NetworkRandom and ParameterInitializer document (DESIGN.md section 3):
 * u = top 53 bits * 2^-53, uniform weights (2u - 1) * bound, normal weights by the Box-Muller cosine branch.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t x; /* The state can be seeded with any value. */

static uint64_t next(void) {
	uint64_t z = (x += 0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
	return z ^ (z >> 31);
}

static double uniform01(void) { return (next() >> 11) * (1.0 / (1ULL << 53)); }

static double normal(void) {
	double u1 = uniform01(), u2 = uniform01();
	return sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2);
}

int main(void) {
	uint64_t seeds[] = {0, 42};
	for (int s = 0; s < 2; s++) {
		x = seeds[s];
		printf("seed %llu raw:", (unsigned long long)seeds[s]);
		for (int i = 0; i < 4; i++) printf(" 0x%016llX", (unsigned long long)next());
		printf("\n");
	}

	/* One draw per statement: the evaluation order of printf's arguments is unspecified. */
	x = 42;
	double d1 = uniform01();
	double d2 = uniform01();
	printf("seed 42 NextDouble: %.17g %.17g\n", d1, d2);
	x = 42;
	float f1 = (float)((next() >> 40) * (1.0f / (1 << 24)));
	float f2 = (float)((next() >> 40) * (1.0f / (1 << 24)));
	printf("seed 42 NextSingle: %.9g %.9g\n", f1, f2);

	/* XavierUniformNet (200 -> 300 -> 10), seed 42: bounds sqrt(6 / (fan_in + fan_out)). */
	x = 42;
	printf("XavierUniform layer 1:");
	for (int k = 0; k < 4; k++) printf(" %.9g", (float)((2 * uniform01() - 1) * sqrt(6.0 / 500)));
	for (int k = 4; k < 200 * 300; k++) uniform01();
	printf("\nXavierUniform layer 2 first: %.9g\n", (float)((2 * uniform01() - 1) * sqrt(6.0 / 310)));

	/* HeNormalNet (200 -> 300 -> 10), seed 42: standard deviations sqrt(2 / fan_in). */
	x = 42;
	printf("HeNormal layer 1:");
	for (int k = 0; k < 4; k++) printf(" %.9g", (float)(normal() * sqrt(2.0 / 200)));
	for (int k = 4; k < 200 * 300; k++) normal();
	printf("\nHeNormal layer 2 first: %.9g\n", (float)(normal() * sqrt(2.0 / 300)));
	return 0;
}
