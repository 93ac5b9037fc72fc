using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>Writing doubles to JSON, which has no NaN or infinity: a non-finite value is written as <c>null</c>.</summary>
internal static class JsonNumbers
{
    /// <summary>Writes <paramref name="value"/> as the property <paramref name="name"/>, or <c>null</c> when it is not finite.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
