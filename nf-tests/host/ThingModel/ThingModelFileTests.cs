using System.IO;
using LinkKit.Nano.Tests.ThingModels;
using Xunit;

namespace LinkKit.Nano.Tests.Host.ThingModel
{
    /// <summary>The host's file variant of thing_setup(file).</summary>
    public class ThingModelFileTests
    {
        [Fact]
        public void LoadsTheConsoleExportFromAFile()
        {
            string path = Path.Combine(Path.GetTempPath(), "linkkit-tsl-" + System.Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, TestTsl.Export, new System.Text.UTF8Encoding(false));
            try
            {
                Nano.ThingModel model;
                string error;
                Assert.Equal(ErrorCode.Ok, ThingModelFile.TryLoad(path, out model, out error));
                Assert.Null(error);
                Assert.Equal(10, model.PropertyCount);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void MissingFile_IsAnInvalidThingModelWithTheReason()
        {
            Nano.ThingModel model;
            string error;
            Assert.Equal(ErrorCode.InvalidThingModel, ThingModelFile.TryLoad("/nonexistent/tsl.json", out model, out error));
            Assert.Null(model);
            Assert.StartsWith("cannot read the thing model file /nonexistent/tsl.json: ", error);
        }
    }
}
