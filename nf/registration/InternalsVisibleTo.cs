using System.Runtime.CompilerServices;

// The registration plumbing (reply parser, HTTP framing, form encoding) is internal; the tests reach it by name.
[assembly: InternalsVisibleTo("NFUnitTest")]

// OTA reads its response heads with the same header-name comparison.
[assembly: InternalsVisibleTo("LinkKit.Nano.Ota")]
[assembly: InternalsVisibleTo("LinkKit.Nano.Tests")]
