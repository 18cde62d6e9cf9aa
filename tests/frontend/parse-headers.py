#!/usr/bin/env python3
"""tests/frontend/parse-headers.py - checks the compatibility layer in
checker/frontend/include/ (prelude, shadow/ and extra/ headers).

Every case writes a small C file to a temporary directory and runs
`clang -fsyntax-only` with the flags fe.c uses (see FLAGS) on a temporary copy
of the include directory, as the checker materialises it.  A case fails on
any error.  Cases:
  order:*    the DDK and Storport include orders real drivers use
  sal:*      each driver-annotation placement compiles, and the AST keeps the
             annotation text (AnnotateAttr "ddilint:NAME(ARGS)")
  role:*     each role typedef declares a function (`HW_STARTIO f;`) and,
             where a pointer typedef exists, is the type it points to
  storport:* Storport structure members, accessors and routines in the
             include orders miniports use
  decl:*     every routine the extra headers declare is declared after
             <ntifs.h> + <storport.h>
  wdk:*      the prelude alone (the --wdk configuration, no shadow/)
  kb         every routine the extra headers declare has an entry in
             rules/ddi-kb.json, or is listed with a reason in kb-absent.txt;
             skipped with a message when the knowledge base is missing

Usage: parse-headers.py [--source-root DIR] [--clang CLANG] [-v] [-j N]
Exit status: 0 all passed, 1 a case failed, 77 no clang found (ctest skip).
"""
import argparse, concurrent.futures, json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.dirname(os.path.dirname(HERE))
DDK = "/usr/x86_64-w64-mingw32/include/ddk"

# The flags of fe.c, without -resource-dir (the clang command finds its own).
def flags(inc, shadow=True, extra=()):
    f = ["--target=x86_64-w64-mingw32", "-fms-extensions", "--sysroot=/usr",
         "-ferror-limit=0", "-Wno-pragma-pack", "-Wno-unknown-pragmas",
         "-Wno-ignored-attributes"]
    if shadow:
        f.append("-I" + os.path.join(inc, "shadow"))
    f += ["-isystem", DDK, "-include", os.path.join(inc, "ddilint-prelude.h")]
    return f + list(extra)

# --- include orders ---------------------------------------------------------
ORDERS = [
    ["wdm.h"], ["ntddk.h"], ["ntifs.h"], ["wdm.h", "ntddk.h"], ["ntddk.h", "ntifs.h"],
    ["storport.h"], ["ntddk.h", "storport.h"], ["wdm.h", "storport.h"],
    ["ntifs.h", "storport.h"], ["storport.h", "ntddk.h"], ["storport.h", "ntifs.h"],
    ["storport.h", "wdm.h"],
    ['"miniport.h"', '"storport.h"'], ["miniport.h"], ["ntddk.h", "miniport.h"],
    ["srb.h"], ["srb.h", "storport.h"], ["scsi.h"], ["scsi.h", "storport.h"],
    ["storport.h", "scsi.h", "srb.h"], ["ata.h"], ["ata.h", "storport.h"], ["ide.h"],
    ["ntddk.h", "storport.h", "ntddscsi.h", "ata.h", "scsi.h"],
    ['"miniport.h"', '"storport.h"', '"ata.h"', '"devioctl.h"', '"ntddscsi.h"', '"ntddstor.h"'],
    ["ntddk.h", "scsi.h", "classpnp.h"],
    ["ntddk.h", "ntstrsafe.h", "wdmsec.h", "wdmguid.h"],
    ["ntifs.h", "ntstrsafe.h", "ntintsafe.h"],
    ["wdm.h", "ntddk.h", "ntifs.h", "storport.h", "miniport.h", "srb.h", "scsi.h"],
]

def include_lines(hs):
    return "".join("#include %s\n" % (h if h.startswith('"') else "<%s>" % h) for h in hs)

# --- SAL placements: (name, code, annotation strings the AST must show) ----
SAL_CASES = [
    ("function-max", "_IRQL_requires_max_(DISPATCH_LEVEL) VOID F(VOID);",
     ["ddilint:_IRQL_requires_max_(DISPATCH_LEVEL)"]),
    ("dispatch-type-before-role",
     "_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH F;\n"
     "NTSTATUS F(PDEVICE_OBJECT D, PIRP I) { UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(I);"
     " return STATUS_SUCCESS; }",
     ["ddilint:_Dispatch_type_(IRP_MJ_CREATE)", "ddilint:_Dispatch_type_(IRP_MJ_CLOSE)"]),
    ("old-dispatch-type", "__drv_dispatchType(IRP_MJ_READ) __drv_dispatchType_other DRIVER_DISPATCH F;",
     ["ddilint:__drv_dispatchType(IRP_MJ_READ)", "ddilint:__drv_dispatchType_other()"]),
    ("parameter-saves-restores",
     "VOID F(_Out_ _IRQL_saves_ PKIRQL OldIrql); VOID G(_In_ _IRQL_restores_ KIRQL NewIrql);",
     ["ddilint:_IRQL_saves_()", "ddilint:_IRQL_restores_()"]),
    ("at-on-parameter", "VOID F(_Out_ _At_(*OldIrql, _IRQL_saves_) PKIRQL OldIrql);",
     ["ddilint:_At_(*OldIrql, _IRQL_saves_)"]),
    ("when-nested",
     "_When_(return == STATUS_SUCCESS, _Acquires_lock_(*L) _IRQL_raises_(DISPATCH_LEVEL))\n"
     "_When_(Wait, _IRQL_requires_max_(APC_LEVEL)) NTSTATUS F(PKSPIN_LOCK L, BOOLEAN Wait);",
     ["ddilint:_When_(return == STATUS_SUCCESS, _Acquires_lock_(*L) _IRQL_raises_(DISPATCH_LEVEL))",
      "ddilint:_When_(Wait, _IRQL_requires_max_(APC_LEVEL))"]),
    ("role-typedef-function-class",
     "typedef _Function_class_(MY_CALLBACK) _IRQL_requires_same_ _IRQL_requires_(PASSIVE_LEVEL)\n"
     "VOID MY_CALLBACK(PVOID Context);\ntypedef MY_CALLBACK *PMY_CALLBACK;\nMY_CALLBACK Cb;\n"
     "_Use_decl_annotations_ VOID Cb(PVOID Context) { UNREFERENCED_PARAMETER(Context); }",
     ["ddilint:_Function_class_(MY_CALLBACK)", "ddilint:_IRQL_requires_same_()",
      "ddilint:_IRQL_requires_(PASSIVE_LEVEL)"]),
    ("after-return-type", "NTSTATUS _IRQL_requires_max_(APC_LEVEL) F(VOID);",
     ["ddilint:_IRQL_requires_max_(APC_LEVEL)"]),
    ("definition-static", "static _Must_inspect_result_ _Check_return_ NTSTATUS F(VOID) { return 0; }\n"
     "NTSTATUS G(VOID) { return F(); }",
     ["ddilint:_Must_inspect_result_()", "ddilint:_Check_return_()"]),
    ("function-pointer-typedef", "typedef VOID (NTAPI _IRQL_requires_max_(DISPATCH_LEVEL) *PFN)(VOID);",
     ["ddilint:_IRQL_requires_max_(DISPATCH_LEVEL)"]),
    ("struct-field", "struct S { _IRQL_requires_max_(DISPATCH_LEVEL) PDRIVER_DISPATCH Cb; };",
     ["ddilint:_IRQL_requires_max_(DISPATCH_LEVEL)"]),
    ("cancel-parameters",
     "VOID F(_Inout_ _IRQL_uses_cancel_ PIRP Irp, _In_ _IRQL_is_cancel_ KIRQL Irql, __drv_aliasesMem PVOID C);",
     ["ddilint:_IRQL_uses_cancel_()", "ddilint:_IRQL_is_cancel_()", "ddilint:__drv_aliasesMem()"]),
    ("memory-and-preferred",
     '__drv_allocatesMem(Mem) __drv_preferredFunction("ExAllocatePool2", "see the docs, really") PVOID F(SIZE_T N);\n'
     "VOID G(__drv_freesMem(Mem) PVOID P);",
     ["ddilint:__drv_allocatesMem(Mem)", "ddilint:__drv_freesMem(Mem)", "ddilint:__drv_preferredFunction("]),
    ("global-irql",
     "_IRQL_saves_global_(OldIrql, L) _IRQL_restores_global_(OldIrql, L) "
     "__drv_savesIRQLGlobal(OldIrql, L) __drv_restoresIRQLGlobal(OldIrql, L) VOID F(PKSPIN_LOCK L);",
     ["ddilint:_IRQL_saves_global_(OldIrql, L)", "ddilint:_IRQL_restores_global_(OldIrql, L)",
      "ddilint:__drv_savesIRQLGlobal(OldIrql, L)", "ddilint:__drv_restoresIRQLGlobal(OldIrql, L)"]),
    ("old-irql-names",
     "__drv_maxIRQL(DISPATCH_LEVEL) __drv_minIRQL(APC_LEVEL) __drv_requiresIRQL(PASSIVE_LEVEL) "
     "__drv_raisesIRQL(DISPATCH_LEVEL) __drv_setsIRQL(DISPATCH_LEVEL) __drv_savesIRQL __drv_restoresIRQL "
     "__drv_sameIRQL __drv_functionClass(X) __drv_inTry __drv_useCancelIRQL VOID F(VOID);",
     ["ddilint:__drv_maxIRQL(DISPATCH_LEVEL)", "ddilint:__drv_minIRQL(APC_LEVEL)",
      "ddilint:__drv_requiresIRQL(PASSIVE_LEVEL)", "ddilint:__drv_raisesIRQL(DISPATCH_LEVEL)",
      "ddilint:__drv_setsIRQL(DISPATCH_LEVEL)", "ddilint:__drv_savesIRQL()", "ddilint:__drv_restoresIRQL()",
      "ddilint:__drv_sameIRQL()", "ddilint:__drv_functionClass(X)", "ddilint:__drv_inTry()",
      "ddilint:__drv_useCancelIRQL()"]),
    ("locks",
     "_Acquires_lock_(*R) _Releases_lock_(*R) _Requires_lock_held_(_Global_critical_region_) "
     "_Requires_lock_not_held_(*R) _Acquires_exclusive_lock_(*R) _Acquires_shared_lock_(*R) "
     "_Releases_exclusive_lock_(*R) _Releases_shared_lock_(*R) _Requires_no_locks_held_ "
     "__drv_acquiresResource(ExResourceType) __drv_releasesResource(ExResourceType) VOID F(PERESOURCE R);",
     ["ddilint:_Acquires_lock_(*R)", "ddilint:_Releases_lock_(*R)",
      "ddilint:_Requires_lock_held_(_Global_critical_region_)", "ddilint:_Requires_lock_not_held_(*R)",
      "ddilint:_Acquires_exclusive_lock_(*R)", "ddilint:_Acquires_shared_lock_(*R)",
      "ddilint:_Releases_exclusive_lock_(*R)", "ddilint:_Releases_shared_lock_(*R)",
      "ddilint:_Requires_no_locks_held_()", "ddilint:__drv_acquiresResource(ExResourceType)",
      "ddilint:__drv_releasesResource(ExResourceType)"]),
    ("kernel-misc",
     "_Kernel_float_saved_ _Kernel_float_restored_ _Kernel_float_used_ _Kernel_clear_do_init_(__yes) "
     "_IRQL_always_function_max_(DISPATCH_LEVEL) _IRQL_always_function_min_(PASSIVE_LEVEL) "
     "_Raises_SEH_exception_ _Maybe_raises_SEH_exception_ VOID F(VOID);",
     ["ddilint:_Kernel_float_saved_()", "ddilint:_Kernel_float_restored_()", "ddilint:_Kernel_float_used_()",
      "ddilint:_Kernel_clear_do_init_(__yes)", "ddilint:_IRQL_always_function_max_(DISPATCH_LEVEL)",
      "ddilint:_IRQL_always_function_min_(PASSIVE_LEVEL)", "ddilint:_Raises_SEH_exception_()",
      "ddilint:_Maybe_raises_SEH_exception_()"]),
    ("local-variable", "VOID F(VOID) { _IRQL_saves_ KIRQL Old = 0; UNREFERENCED_PARAMETER(Old); }",
     ["ddilint:_IRQL_saves_()"]),
    ("empty-wdk-only-sal",
     "_Post_invalid_ _Pre_valid_ _Post_notnull_ VOID F(_Inout_ _Pre_maybenull_ _Post_null_ PVOID *P,\n"
     " _Unreferenced_parameter_ ULONG U) { UNREFERENCED_PARAMETER(P); UNREFERENCED_PARAMETER(U); }\n"
     "_Success_(return >= 0) _Post_satisfies_(_Old_(*P) == 0) _Inexpressible_(x, y) VOID G(PULONG P);",
     []),
]

# --- role typedefs: (role, pointer typedef or None, headers) ----------------
WDM_ROLES = ["DRIVER_INITIALIZE", "DRIVER_UNLOAD", "DRIVER_ADD_DEVICE", "DRIVER_DISPATCH",
             "DRIVER_STARTIO", "DRIVER_CANCEL", "IO_COMPLETION_ROUTINE", "KDEFERRED_ROUTINE",
             "IO_DPC_ROUTINE", "IO_TIMER_ROUTINE", "EXT_CALLBACK", "KSERVICE_ROUTINE",
             "KMESSAGE_SERVICE_ROUTINE", "KSYNCHRONIZE_ROUTINE", "IO_WORKITEM_ROUTINE",
             "IO_WORKITEM_ROUTINE_EX", "WORKER_THREAD_ROUTINE", "KSTART_ROUTINE", "DRIVER_CONTROL",
             "DRIVER_LIST_CONTROL", "REQUEST_POWER_COMPLETE", "EX_CALLBACK_FUNCTION",
             "KBUGCHECK_CALLBACK_ROUTINE", "KBUGCHECK_REASON_CALLBACK_ROUTINE",
             "PO_FX_COMPONENT_IDLE_STATE_CALLBACK", "PO_FX_POWER_CONTROL_CALLBACK",
             # added by extra/wdm-extra.h
             "IO_CSQ_INSERT_IRP", "IO_CSQ_REMOVE_IRP", "IO_CSQ_PEEK_NEXT_IRP", "IO_CSQ_ACQUIRE_LOCK",
             "IO_CSQ_RELEASE_LOCK", "IO_CSQ_COMPLETE_CANCELED_IRP", "OB_PRE_OPERATION_CALLBACK",
             "OB_POST_OPERATION_CALLBACK", "ALLOCATE_FUNCTION", "FREE_FUNCTION",
             "ALLOCATE_FUNCTION_EX", "FREE_FUNCTION_EX"]
NTDDK_ROLES = ["DRIVER_REINITIALIZE", "CREATE_PROCESS_NOTIFY_ROUTINE_EX", "LOAD_IMAGE_NOTIFY_ROUTINE",
               "EXPAND_STACK_CALLOUT", "RTL_AVL_COMPARE_ROUTINE", "RTL_AVL_ALLOCATE_ROUTINE",
               "RTL_AVL_FREE_ROUTINE", "RTL_AVL_MATCH_FUNCTION", "RTL_GENERIC_COMPARE_ROUTINE",
               "RTL_GENERIC_ALLOCATE_ROUTINE", "RTL_GENERIC_FREE_ROUTINE"]
STORPORT_ROLES = ["HW_FIND_ADAPTER", "HW_INITIALIZE", "HW_STARTIO", "HW_INTERRUPT", "HW_BUILDIO",
                  "HW_RESET_BUS", "HW_ADAPTER_CONTROL", "HW_UNIT_CONTROL", "HW_DPC_ROUTINE",
                  "HW_TIMER", "HW_TIMER_EX", "HW_PASSIVE_INITIALIZE_ROUTINE",
                  "HW_MESSAGE_SIGNALED_INTERRUPT_ROUTINE", "HW_WORKITEM", "HW_STATE_CHANGE",
                  "HW_TRACING_ENABLED", "HW_INITIALIZE_TRACING", "HW_CLEANUP_TRACING",
                  "VIRTUAL_HW_FIND_ADAPTER", "HW_FREE_ADAPTER_RESOURCES",
                  "HW_PROCESS_SERVICE_REQUEST", "HW_COMPLETE_SERVICE_IRP", "STOR_SYNCHRONIZED_ACCESS"]
ROLE_CASES = ([(r, "P" + r, ["wdm.h"]) for r in WDM_ROLES]
              + [(r, "P" + r, ["ntddk.h"]) for r in NTDDK_ROLES]
              + [("DRIVER_FS_NOTIFICATION", "PDRIVER_FS_NOTIFICATION", ["ntifs.h"]),
                 ("DRIVER_DISPATCH_PAGED", "PDRIVER_DISPATCH", ["wdm.h"]),
                 ("sp_DRIVER_INITIALIZE", None, ["storport.h"])]
              + [(r, "P" + r, order) for r in STORPORT_ROLES
                 for order in (["storport.h"], ['"miniport.h"', '"storport.h"'], ["scsi.h", "storport.h"])])

def role_code(role, ptr):
    code = "%s ddilint_role_%s;\n" % (role, role)
    if ptr:
        code += ("_Static_assert(__builtin_types_compatible_p(%s *, %s), \"%s * is not %s\");\n"
                 % (role, ptr, role, ptr))
    return code

# --- Storport usage --------------------------------------------------------
STORPORT_USE = r"""
HW_BUILDIO BuildIo; HW_UNIT_CONTROL UnitControl; HW_MESSAGE_SIGNALED_INTERRUPT_ROUTINE MsiIsr;
HW_FIND_ADAPTER FindAdapter; HW_DPC_ROUTINE Dpc; HW_PASSIVE_INITIALIZE_ROUTINE Passive;
HW_TIMER_EX TimerEx; HW_WORKITEM Work;
ULONG Entry(PVOID DriverObject, PVOID RegistryPath)
{
	HW_INITIALIZATION_DATA d = {0};
	d.HwInitializationDataSize = sizeof(d);
	d.HwFindAdapter = FindAdapter;
	d.HwBuildIo = BuildIo;
	d.HwUnitControl = UnitControl;
	d.MapBuffers = STOR_MAP_NON_READ_WRITE_BUFFERS;
	return StorPortInitialize(DriverObject, RegistryPath, &d, NULL);
}
ULONG FindAdapter(PVOID Ext, PVOID Ctx, PVOID Bus, PCHAR Arg, PPORT_CONFIGURATION_INFORMATION Cfg, PBOOLEAN Again)
{
	UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(Bus); UNREFERENCED_PARAMETER(Arg);
	UNREFERENCED_PARAMETER(Again);
	Cfg->SynchronizationModel = StorSynchronizeFullDuplex;
	Cfg->HwMSInterruptRoutine = MsiIsr;
	Cfg->InterruptSynchronizationMode = InterruptSynchronizeAll;
	Cfg->MaxNumberOfIO = Cfg->FeatureSupport = 0;
	return SP_RETURN_FOUND + 0 * StorPortReadRegisterUlong(Ext, (PULONG)Ext);
}
VOID Use(PVOID Ext, PSCSI_REQUEST_BLOCK Srb)
{
	STOR_LOCK_HANDLE h; STOR_DPC dpc; PVOID p = NULL, worker = NULL, timer = NULL; ULONG irql;
	StorPortAcquireSpinLock(Ext, InterruptLock, NULL, &h);
	StorPortReleaseSpinLock(Ext, &h);
	StorPortAcquireMSISpinLock(Ext, 1, &irql);
	StorPortReleaseMSISpinLock(Ext, 1, irql);
	StorPortInitializeDpc(Ext, &dpc, Dpc);
	(void)StorPortIssueDpc(Ext, &dpc, NULL, NULL);
	(void)StorPortEnablePassiveInitialization(Ext, Passive);
	(void)StorPortAllocatePool(Ext, 16, 'tseT', &p);
	(void)StorPortFreePool(Ext, p);
	(void)StorPortGetSystemAddress(Ext, Srb, &p);
	(void)StorPortInitializeTimer(Ext, &timer);
	(void)StorPortRequestTimer(Ext, timer, TimerEx, NULL, 1000, 0);
	(void)StorPortInitializeWorker(Ext, &worker);
	(void)StorPortQueueWorkItem(Ext, Work, worker, NULL);
	StorPortWriteRegisterUlong(Ext, (PULONG)p, 1);
	StorPortWritePortUchar(Ext, (PUCHAR)p, 1);
	StorPortStallExecution(10);
	if (Srb->Cdb[0] == SCSIOP_INQUIRY && Srb->ScsiStatus == SCSISTAT_GOOD)
		(void)StorPortGetOriginalMdl(Ext, Srb, &p);
}
"""

WDM_USE = r"""
VOID Use(PEX_SPIN_LOCK L, PMDL Mdl)
{
	KIRQL old = ExAcquireSpinLockShared(L);
	PVOID a = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 64, 'tseT');
	PVOID b = ExAllocatePoolZero(NonPagedPoolNx, 64, 'tseT');
	PVOID c = MmGetSystemAddressForMdlSafe(Mdl, NormalPagePriority | MdlMappingNoExecute);
	ExReleaseSpinLockShared(L, old);
	old = ExAcquireSpinLockExclusive(L);
	ExReleaseSpinLockExclusive(L, old);
	ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
	ExFreePoolWithTag(a, 'tseT'); ExFreePoolWithTag(b, 'tseT'); UNREFERENCED_PARAMETER(c);
}
"""

# --- the names the extra headers declare ------------------------------------
def declared(inc):
    """(functions, role typedefs) declared by extra/*.h, in file order."""
    funcs, roles = [], []
    d = os.path.join(inc, "extra")
    for name in sorted(os.listdir(d)):
        txt = re.sub(r"/\*.*?\*/", "", open(os.path.join(d, name)).read(), flags=re.S)
        txt = "\n".join(l for l in txt.splitlines() if not l.lstrip().startswith("#"))
        for stmt in txt.split(";"):
            stmt = " ".join(re.split(r"[{}]", stmt)[-1].split())
            m = re.search(r"\bNTAPI (\w+) ?\(", stmt)
            if m:
                (roles if stmt.startswith("typedef") else funcs).append(m.group(1))
    return funcs, roles

# --- running ------------------------------------------------------------------
def run_case(clang, tmp, case):
    name, code, fl, expect = case
    path = os.path.join(tmp, re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".c")
    with open(path, "w") as f:
        f.write(code)
    cmd = [clang, "-fsyntax-only"] + fl + [path]
    if expect:
        cmd[2:2] = ["-Xclang", "-ast-dump"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    errors = [l for l in p.stderr.splitlines() if "error:" in l]
    problems = []
    if p.returncode != 0 or errors:
        problems.append("clang exit %d, %d error(s):\n    %s" % (
            p.returncode, len(errors), "\n    ".join(errors[:10]) or p.stderr[-2000:]))
    for e in expect:
        if 'AnnotateAttr' not in p.stdout or ('"' + e) not in p.stdout:
            problems.append("no AnnotateAttr %r in the AST" % e)
    return name, problems, " ".join(cmd)

def find_clang(explicit):
    for c in ([explicit] if explicit else []) + [os.environ.get("CLANG"), "clang", "clang-16", "clang-14"]:
        if c and shutil.which(c):
            return shutil.which(c)
    return None

def kb_check(root, funcs):
    """Returns (skipped message or None, list of problems)."""
    kb_path = os.path.join(root, "rules", "ddi-kb.json")
    if not os.path.exists(kb_path):
        return "rules/ddi-kb.json not found: knowledge-base check skipped", []
    kb = json.load(open(kb_path))
    names = set()
    for e in kb.get("ddis", []):
        names.add(e["name"])
        names.update(e.get("names", []))
    absent = {}
    for line in open(os.path.join(HERE, "kb-absent.txt")):
        line = line.split("#", 1)[0].strip()
        if line:
            n, _, why = line.partition(" ")
            absent[n] = why.strip()
    problems = []
    for n in funcs:
        if n not in names and n not in absent:
            problems.append("%s is declared by the compatibility headers but has no entry in "
                            "rules/ddi-kb.json (add it there, or to tests/frontend/kb-absent.txt "
                            "with the reason)" % n)
    for n in absent:
        if n in names:
            problems.append("%s is listed in tests/frontend/kb-absent.txt but is in the knowledge "
                            "base now: remove it from the list" % n)
        elif n not in funcs:
            problems.append("%s is listed in tests/frontend/kb-absent.txt but no compatibility "
                            "header declares it: remove it from the list" % n)
    return None, problems

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source-root", default=DEFAULT_ROOT)
    ap.add_argument("--clang")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-v", action="store_true", help="print every case and its command")
    a = ap.parse_args()

    clang = find_clang(a.clang)
    if not clang:
        print("parse-headers: no clang found (set CLANG): skipped")
        return 77
    if not os.path.isdir(DDK):
        print("parse-headers: %s missing (install mingw-w64-x86-64-dev)" % DDK)
        return 1
    src_inc = os.path.join(a.source_root, "checker", "frontend", "include")
    funcs, roles = declared(src_inc)

    with tempfile.TemporaryDirectory(prefix="ddilint-fe-") as tmp:
        inc = os.path.join(tmp, "include")
        shutil.copytree(src_inc, inc)
        cases = []
        for hs in ORDERS:
            cases.append(("order:" + "+".join(h.strip('"') for h in hs),
                          include_lines(hs), flags(inc), []))
        for name, code, expect in SAL_CASES:
            cases.append(("sal:" + name, "#include <ntddk.h>\n" + code + "\n", flags(inc), expect))
        strict = ["-Werror=incompatible-function-pointer-types", "-Werror=incompatible-pointer-types",
                  "-Werror=implicit-function-declaration", "-Werror=int-conversion"]
        # One file per header set; a failing _Static_assert names the role.
        by_headers = {}
        for role, ptr, hs in ROLE_CASES:
            by_headers.setdefault(tuple(hs), []).append(role_code(role, ptr))
        for hs, codes in by_headers.items():
            cases.append(("role:%d typedefs[%s]" % (len(codes), "+".join(h.strip('"') for h in hs)),
                          include_lines(hs) + "".join(codes), flags(inc, extra=strict), []))
        for hs in (["storport.h"], ["ntddk.h", "storport.h"], ['"miniport.h"', '"storport.h"'],
                   ["wdm.h", "storport.h"]):
            cases.append(("storport:use[%s]" % "+".join(h.strip('"') for h in hs),
                          include_lines(hs) + STORPORT_USE, flags(inc, extra=strict), []))
        cases.append(("wdm:use", "#include <ntddk.h>\n" + WDM_USE, flags(inc, extra=strict), []))
        decl = "#include <ntifs.h>\n#include <storport.h>\n" + "".join(
            "void *ddilint_decl_%s = (void *)&%s;\n" % (n, n) for n in funcs)
        cases.append(("decl:all-extra-routines", decl, flags(inc, extra=strict), []))
        # --wdk configuration: no shadow/, DDILINT_WDK=1; the mingw DDK stands in for the WDK.
        cases.append(("wdk:prelude-only", "#include <ntddk.h>\n" + SAL_CASES[1][1] + "\n",
                      flags(inc, shadow=False, extra=["-DDDILINT_WDK=1"]),
                      ["ddilint:_Dispatch_type_(IRP_MJ_CREATE)"]))

        failed = 0
        with concurrent.futures.ThreadPoolExecutor(max(1, a.j)) as ex:
            for name, problems, cmd in ex.map(lambda c: run_case(clang, tmp, c), cases):
                if problems:
                    failed += 1
                    print("FAIL %s\n  %s\n  command: %s" % (name, "\n  ".join(problems), cmd))
                elif a.v:
                    print("ok   %s" % name)

    skipped, problems = kb_check(a.source_root, funcs)
    if skipped:
        print("parse-headers: " + skipped)
    for p in problems:
        failed += 1
        print("FAIL kb: " + p)
    print("parse-headers: %d cases, %d failed (%d routines and %d role typedefs declared by extra/)"
          % (len(cases) + (0 if skipped else 1), failed, len(funcs), len(roles)))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
