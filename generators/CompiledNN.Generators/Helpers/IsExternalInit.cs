namespace System.Runtime.CompilerServices;

// Records and init-only properties need this type, which netstandard2.0 lacks.
internal static class IsExternalInit;
