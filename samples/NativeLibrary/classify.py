"""Classifies Iris flowers with the network in libiris.so, through ctypes.

    python3 classify.py LIBRARY FILE

LIBRARY is the published libiris.so (libiris.dll, libiris.dylib); FILE has one flower per line (four measurements in
cm). Prints the class, the three probabilities and their bits in hex, as classify.c does.
"""
import ctypes
import struct
import sys

CLASSES = ("setosa", "versicolor", "virginica")
IRIS_OK = 0


def load(path):
    library = ctypes.CDLL(path)
    floats = ctypes.POINTER(ctypes.c_float)
    library.iris_input_size.restype = ctypes.c_int32
    library.iris_output_size.restype = ctypes.c_int32
    library.iris_predict.argtypes = (floats, ctypes.c_int32, floats, ctypes.c_int32)
    library.iris_predict.restype = ctypes.c_int32
    library.iris_last_error.restype = ctypes.c_char_p
    return library


def bits(value):
    return struct.unpack("<I", struct.pack("<f", value))[0]


def main(library_path, flowers_path):
    library = load(library_path)
    inputs, outputs = library.iris_input_size(), library.iris_output_size()
    features = (ctypes.c_float * inputs)()
    probabilities = (ctypes.c_float * outputs)()
    with open(flowers_path, encoding="utf-8") as flowers:
        for line in flowers:
            values = line.split()
            if not values:
                continue
            features[:] = [float(v) for v in values]
            status = library.iris_predict(features, inputs, probabilities, outputs)
            if status != IRIS_OK:
                sys.exit(f"iris_predict: {status}, {library.iris_last_error().decode()}")
            p = list(probabilities)
            best = max(range(outputs), key=lambda k: (p[k], -k))
            print(CLASSES[best], " ".join(f"{v:.6f}" for v in p), " ".join(f"{bits(v):08x}" for v in p))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
