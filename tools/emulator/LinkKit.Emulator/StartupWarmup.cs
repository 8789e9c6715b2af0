using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using LinkKit.Emulator.Alink;

namespace LinkKit.Emulator;

/// <summary>
/// Does at start what would otherwise happen once, on first use, in the middle of serving devices: running the
/// emulator's type initializers and the first signature check and Alink reply (which load the assemblies, type
/// initializers and native crypto library those need). A type initializer that fails is failed for the life of the
/// process, and one that first runs while descriptors or memory are exhausted fails (an assembly load needs a
/// descriptor): run here, a fault stops the start instead.
/// </summary>
static class StartupWarmup
{
    static int _done;

    public static void Run()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        foreach (Type type in typeof(StartupWarmup).Assembly.GetTypes())
            if (!type.ContainsGenericParameters) RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        // The per-message paths' first calls: a signature check and an Alink reply read back.
        HMACSHA256.HashData([1], [2]);
        HMACSHA1.HashData([1], [2]);
        using JsonDocument reply = JsonDocument.Parse(AlinkJson.Reply(null, AlinkCodes.Success, "success", "thing.event.property.post"));
    }
}
