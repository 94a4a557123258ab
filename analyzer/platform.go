package analyzer

import "go/types"

// The process model of the target platform, read from its syscall
// package: on unix, starting a process forks and execs, and takes
// syscall.ForkLock for writing (syscall/exec_unix.go); on windows and
// plan9 it does not take ForkLock ("ForkLock is not used"), and js/wasm and
// wasip1 cannot start a process at all. Their SysProcAttr tells them apart:
// every unix one has Setsid, windows' and plan9's have other fields, and
// js's and wasip1's have none.

// sysProcAttrFields returns the number of fields of syscall.SysProcAttr
// in syscallPkg, and whether it has Setsid; -1 if it has no SysProcAttr.
func sysProcAttrFields(syscallPkg *types.Package) (n int, setsid bool) {
	obj, ok := syscallPkg.Scope().Lookup("SysProcAttr").(*types.TypeName)
	if !ok {
		return -1, false
	}
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return -1, false
	}
	for i := range st.NumFields() {
		setsid = setsid || st.Field(i).Name() == "Setsid"
	}
	return st.NumFields(), setsid
}

// takesForkLock reports whether starting a process on the platform of
// syscallPkg takes syscall.ForkLock: unix only.
func takesForkLock(syscallPkg *types.Package) bool {
	_, setsid := sysProcAttrFields(syscallPkg)
	return setsid
}

// startsProcesses reports whether a program on the platform of syscallPkg
// can start a process: not on js/wasm or wasip1.
func startsProcesses(syscallPkg *types.Package) bool {
	n, _ := sysProcAttrFields(syscallPkg)
	return n != 0
}

// syscallPackage returns the syscall package among the packages that pkg
// imports, directly or not, or nil.
func syscallPackage(pkg *types.Package) *types.Package {
	seen := make(map[*types.Package]bool)
	queue := []*types.Package{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p.Path() == "syscall" {
			return p
		}
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
	}
	return nil
}
