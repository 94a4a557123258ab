package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// Paths under /proc that name a thread's namespaces, for threadstate.
// /proc/self is the process' directory, /proc/PID (proc(5)), whose files
// describe its main thread where threads differ: after a switch,
// /proc/self/ns, /proc/self/net and /proc/self/mountinfo name the main
// thread's namespaces, and so do /proc/net and /proc/mounts, links into
// /proc/self. /proc/thread-self and /proc/self/task/TID name the calling
// thread's. A path is read from the SSA value a call passes (pathOf): the
// literal, constant or package variable, joined, concatenated or formatted
// with the process ID.

// The parts of a path that pathOf cannot spell.
const (
	pidPart     = "<pid>" // the process ID: os.Getpid(), syscall.Getpid(), unix.Getpid()
	tidPart     = "<tid>" // a thread ID: unix.Gettid()
	unknownPart = "*"     // anything else
)

// maxPathDepth bounds pathOf's walk through values: paths built in many
// steps.
const maxPathDepth = 16

// A mainThreadPath is a path that names namespaces of the main thread.
type mainThreadPath struct {
	slot int    // the slot of the kind it names (nsState); -1 for every kind (/proc/self/ns)
	what string // what it names, as messages say: "namespaces", "network namespace"
	use  string // what names the calling thread's instead: "/proc/thread-self/ns/"
}

// The slots of the network and mount namespaces in nsState.
var (
	netSlot   = slices.IndexFunc(std.ThreadScopedFlags, func(f struct{ Flag, Words string }) bool { return f.Flag == "CLONE_NEWNET" })
	mountSlot = slices.IndexFunc(std.ThreadScopedFlags, func(f struct{ Flag, Words string }) bool { return f.Flag == "CLONE_NEWNS" })
)

// mainThreadPathOf returns what p, a path as pathOf spells it, names if it
// names namespaces of the main thread: a path under /proc/self/ns or
// /proc/<pid>/ns, the net directory there or /proc/net, the mount table
// there (mountinfo, mounts, mountstats) or /proc/mounts.
func mainThreadPathOf(p string) (mainThreadPath, bool) {
	var rest string
	switch {
	case strings.HasPrefix(p, "/proc/self/"):
		rest = p[len("/proc/self/"):]
	case strings.HasPrefix(p, "/proc/"+pidPart+"/"):
		rest = p[len("/proc/"+pidPart+"/"):]
	case p == "/proc/net" || strings.HasPrefix(p, "/proc/net/") || p == "/proc/mounts":
		rest = p[len("/proc/"):] // links into /proc/self
	default:
		return mainThreadPath{}, false
	}
	name, _, _ := strings.Cut(rest, "/")
	switch {
	case name == "ns" && rest != p[len("/proc/"):]:
		return mainThreadPath{slot: -1, what: "namespaces", use: "/proc/thread-self/ns/"}, true
	case name == "net":
		return mainThreadPath{slot: netSlot, what: "network namespace", use: "/proc/thread-self/net/"}, true
	case name == rest && (name == "mountinfo" || name == "mounts" || name == "mountstats"):
		return mainThreadPath{slot: mountSlot, what: "mount namespace", use: "/proc/thread-self/" + name}, true
	}
	return mainThreadPath{}, false
}

// switchedFor returns the unreported switch that may have left the thread
// switched in a namespace that mp names, in state, or nil: any, for
// /proc/self/ns; one of mp's kind or of an unknown kind otherwise.
func (t *threadStateRun) switchedFor(state nsState, mp mainThreadPath) *threadSwitch {
	if mp.slot < 0 {
		return state.first(t.reported)
	}
	var found *threadSwitch
	for _, sw := range []*threadSwitch{state.switched[mp.slot], state.switched[unknownSlot]} {
		if sw != nil && !t.reported[sw.call] && (found == nil || sw.call.Pos() < found.call.Pos()) {
			found = sw
		}
	}
	return found
}

// pathOf returns the path that v, a string, may hold, spelled with pidPart
// for the process ID, tidPart for a thread ID, and unknownPart for what is
// not known: a constant; a concatenation, filepath.Join, path.Join or
// fmt.Sprintf of paths; strconv.Itoa or FormatInt of an ID; a package
// variable that only its initializer sets; a φ-node whose edges agree, or
// the first edge that names the main thread's namespaces; a free variable
// bound to one such value.
func (t *threadStateRun) pathOf(v ssa.Value, depth int) string {
	if p, ok := t.paths[v]; ok {
		return p
	}
	if depth > maxPathDepth {
		return unknownPart
	}
	if t.paths == nil {
		t.paths = make(map[ssa.Value]string)
	}
	t.paths[v] = unknownPart // breaks cycles of φ-nodes
	t.paths[v] = t.pathOfValue(v, depth)
	return t.paths[v]
}

// pathOfValue computes pathOf.
func (t *threadStateRun) pathOfValue(v ssa.Value, depth int) string {
	switch v := v.(type) {
	case *ssa.Const:
		switch {
		case v.Value == nil:
		case v.Value.Kind() == constant.String:
			return constant.StringVal(v.Value)
		case v.Value.Kind() == constant.Int:
			return v.Value.ExactString() // an ID formatted in
		}
	case *ssa.BinOp:
		if v.Op == token.ADD && isString(v.Type()) {
			return t.pathOf(v.X, depth+1) + t.pathOf(v.Y, depth+1)
		}
	case *ssa.Convert:
		if isString(v.Type()) == isString(v.X.Type()) {
			return t.pathOf(v.X, depth+1) // string to string, int to int64
		}
	case *ssa.ChangeType:
		return t.pathOf(v.X, depth+1)
	case *ssa.MakeInterface:
		return t.pathOf(v.X, depth+1) // an argument of fmt.Sprintf
	case *ssa.Phi:
		return t.phiPath(v.Edges, depth)
	case *ssa.FreeVar:
		return t.phiPath(code.Bindings(v), depth)
	case *ssa.UnOp:
		if g, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL {
			if init := t.initialValue(g); init != nil {
				return t.pathOf(init, depth+1)
			}
		}
	case *ssa.Call:
		return t.callPath(&v.Call, depth)
	}
	return unknownPart
}

// isString reports whether t is a string type.
func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// phiPath returns the path of values, a φ-node's edges or a free
// variable's bindings: theirs if they agree, else the first that names the
// main thread's namespaces, else unknownPart.
func (t *threadStateRun) phiPath(values []ssa.Value, depth int) string {
	var paths []string
	for _, e := range values {
		paths = append(paths, t.pathOf(e, depth+1))
	}
	if len(paths) > 0 && !slices.ContainsFunc(paths, func(p string) bool { return p != paths[0] }) {
		return paths[0]
	}
	for _, p := range paths {
		if _, ok := mainThreadPathOf(p); ok {
			return p
		}
	}
	return unknownPart
}

// callPath returns the path that call, a call that returns a string or an
// ID, returns (pathOf).
func (t *threadStateRun) callPath(call *ssa.CallCommon, depth int) string {
	switch t.calleeName(call) {
	case "os.Getpid", "syscall.Getpid", "golang.org/x/sys/unix.Getpid":
		return pidPart
	case "syscall.Gettid", "golang.org/x/sys/unix.Gettid":
		return tidPart
	case "strconv.Itoa":
		return t.pathOf(call.Args[0], depth+1)
	case "strconv.FormatInt", "strconv.FormatUint":
		if base, ok := code.IntValues(call.Args[1]); ok && len(base) == 1 && base[0] == 10 {
			return t.pathOf(call.Args[0], depth+1)
		}
	case "path/filepath.Join", "path.Join":
		return t.joinedPath(call.Args[0], depth)
	case "fmt.Sprintf":
		format := t.pathOf(call.Args[0], depth+1)
		args, ok := variadicValues(call.Args[1])
		if !ok || strings.Contains(format, unknownPart) {
			return unknownPart
		}
		return t.formattedPath(format, args, depth)
	}
	return unknownPart
}

// joinedPath returns the path that filepath.Join or path.Join of elems,
// their variadic argument, returns.
func (t *threadStateRun) joinedPath(elems ssa.Value, depth int) string {
	values, ok := variadicValues(elems)
	if !ok {
		return unknownPart
	}
	var parts []string
	for _, e := range values {
		if p := t.pathOf(e, depth+1); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return path.Clean(strings.Join(parts, "/"))
}

// formattedPath returns the path that fmt.Sprintf of format and args
// returns: each %d, %s and %v replaced by its argument's path; what follows
// another verb is unknown.
func (t *threadStateRun) formattedPath(format string, args []ssa.Value, depth int) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		switch {
		case i+1 < len(format) && format[i+1] == '%':
			b.WriteByte('%')
		case i+1 < len(format) && len(args) > 0 && strings.IndexByte("dsv", format[i+1]) >= 0:
			b.WriteString(t.pathOf(args[0], depth+1))
			args = args[1:]
		default:
			return b.String() + unknownPart // a flag, a width, another verb
		}
		i++
	}
	return b.String()
}

// variadicValues returns the values of v, a variadic argument made by the
// call ([]T{a, b}, or nil for none); ok is false for a slice passed on.
func variadicValues(v ssa.Value) (values []ssa.Value, ok bool) {
	if k, ok := v.(*ssa.Const); ok && k.IsNil() {
		return nil, true
	}
	s, ok := v.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	ptr, _ := alloc.Type().Underlying().(*types.Pointer)
	if ptr == nil {
		return nil, false
	}
	array, _ := ptr.Elem().Underlying().(*types.Array)
	if array == nil {
		return nil, false
	}
	values = make([]ssa.Value, array.Len())
	for _, r := range *alloc.Referrers() {
		addr, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue // the slice
		}
		i, ok := code.IntValues(addr.Index)
		if !ok || len(i) != 1 || i[0] < 0 || i[0] >= int64(len(values)) {
			return nil, false
		}
		for _, rr := range *addr.Referrers() {
			if st, ok := rr.(*ssa.Store); ok && st.Addr == addr {
				values[i[0]] = st.Val
			}
		}
	}
	if slices.Contains(values, nil) {
		return nil, false
	}
	return values, true
}

// initialValue returns the value that the package's initializer stores in
// g, if nothing else in the package stores to it; nil otherwise.
func (t *threadStateRun) initialValue(g *ssa.Global) ssa.Value {
	if t.globalStores == nil {
		t.globalStores = make(map[*ssa.Global][]*ssa.Store)
		fns := t.fns
		if init := t.pkg.Func("init"); init != nil && !slices.Contains(fns, init) {
			fns = append(slices.Clip(fns), init)
		}
		for _, fn := range fns {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if st, ok := instr.(*ssa.Store); ok {
						if g, ok := st.Addr.(*ssa.Global); ok {
							t.globalStores[g] = append(t.globalStores[g], st)
						}
					}
				}
			}
		}
	}
	stores := t.globalStores[g]
	if len(stores) != 1 || stores[0].Parent() != t.pkg.Func("init") {
		return nil // set elsewhere too, or not here
	}
	return stores[0].Val
}

// onMainThread reports whether call runs on the program's main thread for
// sure: the package's init function locks it (initLocksThread), so that
// main runs there, and call is in main, or in a function that only such
// functions call, where the goroutine has not unlocked. There, /proc/self
// names the calling thread's namespaces.
func (t *threadStateRun) onMainThread(call *ssa.Call) bool {
	return t.initLocksThread() && t.calledFromMainOnly(call.Parent(), map[*ssa.Function]bool{}) && !t.threadMayBeUnlocked(call)
}

// calledFromMainOnly reports whether fn is main, or a function that only
// functions so called call, with plain calls.
func (t *threadStateRun) calledFromMainOnly(fn *ssa.Function, seen map[*ssa.Function]bool) bool {
	if t.isMainFunc(fn) {
		return true
	}
	if seen[fn] || len(t.callers[fn]) == 0 {
		return false // a cycle, or called from elsewhere
	}
	seen[fn] = true
	for _, site := range t.callers[fn] {
		call, ok := site.(*ssa.Call)
		if !ok || call.Call.StaticCallee() != fn || !t.calledFromMainOnly(call.Parent(), seen) {
			return false // a go or defer statement, a function value, or another caller
		}
	}
	return true
}
