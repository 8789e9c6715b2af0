using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace LinkKit.Nano.Tests.Host.Lint
{
    /// <summary>One decoded IL instruction: where it starts and ends, and its token operand (nil when it has none).</summary>
    internal readonly record struct IlInstruction(int Offset, int End, OpCode OpCode, EntityHandle Token);

    public static partial class NanoMetadataLint
    {
        private sealed partial class Run
        {
            // Per method: why calling it may run a catch / may throw (null: it cannot, as far as this assembly shows).
            private readonly Dictionary<MethodDefinitionHandle, string> _catchReach = new();
            private readonly Dictionary<MethodDefinitionHandle, string> _throwReach = new();

            /// <summary>
            /// Two ways nanoCLR 1.x mishandles exception flow that desktop .NET handles: a catch that runs inside code called from
            /// a finally block kills the interpreter, and a call whose return address is the first instruction of a try makes that
            /// try's handlers run for the call's own exception.
            /// </summary>
            public void CheckExceptionFlow()
            {
                foreach (MethodDefinitionHandle handle in _md.MethodDefinitions)
                {
                    MethodDefinition method = _md.GetMethodDefinition(handle);
                    if (method.RelativeVirtualAddress == 0) continue;
                    MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (body.ExceptionRegions.Length == 0) continue;
                    string location = MethodName(handle).Replace("::", ".");
                    List<IlInstruction> il = ReadIL(body.GetILReader(), out _);

                    foreach (ExceptionRegion region in body.ExceptionRegions)
                    {
                        CheckCallBeforeTry(il, region, location);
                        if (region.Kind != ExceptionRegionKind.Finally && region.Kind != ExceptionRegionKind.Fault) continue;
                        int start = region.HandlerOffset, end = region.HandlerOffset + region.HandlerLength;
                        foreach (ExceptionRegion inner in body.ExceptionRegions)
                        {
                            if (IsCatch(inner) && inner.TryOffset >= start && inner.TryOffset < end)
                            {
                                Add(NanoLintRule.CatchReachedFromFinally, location, "finally at IL_" + start.ToString("x4") + " contains a catch");
                            }
                        }
                        foreach (IlInstruction instruction in il)
                        {
                            if (instruction.Offset < start || instruction.Offset >= end || !IsCall(instruction)) continue;
                            string reason = Reach(instruction.Token, false, new HashSet<MethodDefinitionHandle>());
                            if (reason != null)
                            {
                                Add(NanoLintRule.CatchReachedFromFinally, location,
                                    "finally at IL_" + start.ToString("x4") + " calls " + MethodName(instruction.Token) + ": " + reason);
                            }
                        }
                    }
                }
            }

            private void CheckCallBeforeTry(List<IlInstruction> il, ExceptionRegion region, string location)
            {
                foreach (IlInstruction instruction in il)
                {
                    if (instruction.End != region.TryOffset || !IsCall(instruction)) continue;
                    string reason = Reach(instruction.Token, true, new HashSet<MethodDefinitionHandle>());
                    if (reason == null) return;
                    Add(NanoLintRule.ThrowBeforeTry, location, instruction.OpCode.Name + " " + MethodName(instruction.Token)
                        + " returns to IL_" + region.TryOffset.ToString("x4") + ", the start of a try, and " + reason);
                    return;
                }
            }

            /// <summary>
            /// Why calling <paramref name="target"/> may run a catch (<paramref name="throws"/> false) or throw out of it
            /// (true), or null when it cannot as far as this assembly shows. Other assemblies' code is taken to do
            /// neither (mscorlib's `lock` entry, event accessors), except a delegate's, which is application code.
            /// </summary>
            private string Reach(EntityHandle target, bool throws, HashSet<MethodDefinitionHandle> visiting)
            {
                if (target.Kind == HandleKind.MemberReference)
                {
                    return _md.GetString(_md.GetMemberReference((MemberReferenceHandle)target).Name) == "Invoke" ? "invokes a delegate" : null;
                }
                if (target.Kind != HandleKind.MethodDefinition) return null;
                var handle = (MethodDefinitionHandle)target;
                Dictionary<MethodDefinitionHandle, string> memo = throws ? _throwReach : _catchReach;
                if (memo.TryGetValue(handle, out string known)) return known;
                if (!visiting.Add(handle)) return null; // a cycle adds nothing new

                MethodDefinition method = _md.GetMethodDefinition(handle);
                string reason = method.RelativeVirtualAddress == 0 ? "has no body here (delegate, interface or abstract: any code may run)" : null;
                if (reason == null)
                {
                    MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
                    foreach (ExceptionRegion region in body.ExceptionRegions)
                    {
                        if (!throws && IsCatch(region)) reason = "catches at IL_" + region.HandlerOffset.ToString("x4");
                    }
                    foreach (IlInstruction instruction in ReadIL(body.GetILReader(), out _))
                    {
                        if (reason != null) break;
                        if (throws && IsCaught(body, instruction.Offset)) continue;
                        short value = instruction.OpCode.Value;
                        if (throws && (value == OpCodes.Throw.Value || value == OpCodes.Rethrow.Value))
                        {
                            reason = "throws at IL_" + instruction.Offset.ToString("x4");
                        }
                        else if (IsCall(instruction))
                        {
                            string inner = Reach(instruction.Token, throws, visiting);
                            if (inner != null) reason = "via " + MethodName(instruction.Token) + ": " + inner;
                        }
                    }
                }
                visiting.Remove(handle);
                memo[handle] = reason;
                return reason;
            }

            private static bool IsCaught(MethodBodyBlock body, int offset)
            {
                foreach (ExceptionRegion region in body.ExceptionRegions)
                {
                    if (IsCatch(region) && offset >= region.TryOffset && offset < region.TryOffset + region.TryLength) return true;
                }
                return false;
            }

            private static bool IsCatch(ExceptionRegion region) =>
                region.Kind == ExceptionRegionKind.Catch || region.Kind == ExceptionRegionKind.Filter;

            private static bool IsCall(IlInstruction instruction)
            {
                short value = instruction.OpCode.Value;
                return (value == OpCodes.Call.Value || value == OpCodes.Callvirt.Value || value == OpCodes.Newobj.Value)
                    && !instruction.Token.IsNil;
            }
        }
    }
}
