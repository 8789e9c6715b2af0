using System;
using System.IO;

namespace LinkKit.Nano
{
    /// <summary>Loads a thing model (TSL) from a file (e.g. "I:\\tsl.json" on the device): Python's <c>thing_setup(file)</c>. The host build compiles this same file.</summary>
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
                using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    tsl = new byte[(int)file.Length];
                    if (FileBytes.Read(file, tsl, 0, tsl.Length) != tsl.Length)
                    {
                        error = "cannot read the whole thing model file " + path;
                        return ErrorCode.InvalidThingModel;
                    }
                }
            }
            catch (Exception e)
            {
                error = "cannot read the thing model file " + path + ": " + e.Message;
                return ErrorCode.InvalidThingModel;
            }

            return ThingModel.TryLoad(tsl, 0, tsl.Length, out model, out error);
        }
    }
}
