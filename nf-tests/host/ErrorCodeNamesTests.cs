using System.Linq;
using System.Reflection;
using Xunit;

namespace LinkKit.Nano.Tests.Host
{
    /// <summary>Every code constant, found by reflection (no hand-kept list): failures negative and distinct, each named.</summary>
    public sealed class ErrorCodeNamesTests
    {
        private static FieldInfo[] Constants(System.Type type) =>
            type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(int)).ToArray();

        [Fact]
        public void ErrorCode_failures_are_negative_distinct_and_named()
        {
            FieldInfo[] constants = Constants(typeof(ErrorCode));
            Assert.True(constants.Length > 30);
            foreach (FieldInfo field in constants)
            {
                int code = (int)field.GetRawConstantValue();
                if (field.Name != "Ok") Assert.True(code < 0, field.Name + " is not negative");
                Assert.Equal(field.Name, ErrorCode.GetName(code));
            }
            Assert.Equal(constants.Length, constants.Select(f => (int)f.GetRawConstantValue()).Distinct().Count());
        }

        [Fact]
        public void ConnectResult_and_DisconnectReason_are_named()
        {
            foreach (FieldInfo field in Constants(typeof(ConnectResult)))
            {
                Assert.Equal(field.Name, ConnectResult.GetName((int)field.GetRawConstantValue()));
            }
            foreach (FieldInfo field in Constants(typeof(DisconnectReason)))
            {
                Assert.Equal(field.Name, DisconnectReason.GetName((int)field.GetRawConstantValue()));
            }
        }
    }
}
