using System.Runtime.CompilerServices;

// Dynamic registration, its own assembly on the device so apps that never register deploy less, shares the client's
// logging, clock and random source and the UTF-8 helpers:
[assembly: InternalsVisibleTo("LinkKit.Nano.Registration")]

// Over-the-air updates, also an assembly of its own, share the record frame and the two-slot store:
[assembly: InternalsVisibleTo("LinkKit.Nano.Ota")]

// The optional nanoFramework.Json bridge reads value ranges as the SDK's own readers do:
[assembly: InternalsVisibleTo("LinkKit.Nano.Json")]

// The SDK's plumbing (tables, topic rules, codecs' helpers) is internal; the test assemblies reach it by name:
// NFUnitTest (every portable test assembly on nanoFramework), LinkKit.Nano.Tests (the same tests and the host-only
// ones on desktop .NET) and LinkKit.Flash.Tests (which checks the slot files the factory tool writes).
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("LinkKit.Nano.Tests")]
[assembly: InternalsVisibleTo("LinkKit.Flash.Tests")]

// The fuzz targets (tools/fuzz, desktop only) drive the parsers the devices run; on .NET the registration sources build
// into this assembly too, so this one line reaches both.
[assembly: InternalsVisibleTo("linkkit-fuzz")]
