using System.Reflection;

// The version a factory-deployed image reports (an image installed by OTA reports the job's version instead): keep
// it equal to the version string the console knows this build as.
[assembly: AssemblyVersion("1.0.0.0")]
