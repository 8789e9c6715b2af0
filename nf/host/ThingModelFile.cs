using System;
using System.IO;

namespace LinkKit.Nano
{
    /// <summary>Loads a thing model (TSL) from a file on the host's file system: Python's <c>thing_setup(file)</c>.</summary>
    public static class ThingModelFile
    {
        /// <summary>Reads the file and loads it with <see cref="ThingModel.TryLoad"/>; the file's bytes are released afterwards.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.InvalidThingModel"/> (see <paramref name="error"/>), also when the file cannot be read.</returns>
        public static int TryLoad(string path, out ThingModel model, out string error)
        {
            if (path == null) throw new ArgumentNullException("path");
            model = null;
            byte[] tsl;
            try
            {
                tsl = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                error = "cannot read the thing model file " + path + ": " + e.Message;
                return ErrorCode.InvalidThingModel;
            }

            return ThingModel.TryLoad(tsl, 0, tsl.Length, out model, out error);
        }
    }
}
