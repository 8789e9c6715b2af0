using System.Runtime.CompilerServices;

// The registration plumbing (reply parser, HTTP framing, form encoding) is internal; the tests reach it by name.
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("LinkKit.Nano.Tests")]
