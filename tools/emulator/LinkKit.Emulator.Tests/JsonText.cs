using System.Text.Json.Nodes;
using LinkKit.Emulator.ControlApi;

namespace LinkKit.Emulator.Tests;

static class JsonText
{
    /// <summary>A node as compact JSON with quotes in strings written as \" (what the HTTP API sends).</summary>
    public static string Json(this JsonNode? node) => node?.ToJsonString(ApiResponse.JsonOptions) ?? "null";
}
