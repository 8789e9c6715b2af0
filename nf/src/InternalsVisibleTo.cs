using System.Runtime.CompilerServices;

// The SDK's plumbing (tables, topic rules, codecs' helpers) is internal; the test assemblies reach it by name:
// NFUnitTest (every portable test assembly on nanoFramework), LinkKit.Nano.Tests (the same tests and the host-only
// ones on desktop .NET) and LinkKit.Flash.Tests (which checks the slot files the factory tool writes).
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("LinkKit.Nano.Tests")]
[assembly: InternalsVisibleTo("LinkKit.Flash.Tests")]
