using System.Runtime.CompilerServices;

// The OTA plumbing (job reader, downloader steps, state format) is internal; the tests reach it by name.
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("LinkKit.Nano.Tests")]
