package handed // want package:"starts processes; starts goroutines; leaves thread state"

// Attributes built by a caller and handed to a helper of the package that
// starts the process: the attributes themselves (start), a configured
// command (a monitor's Start, as go-runc's defaultMonitor.Start(c) runs
// the command runc's command() built), or an os.ProcAttr (spawn). The
// helper starts the process on its caller's thread, so the call is judged
// where the caller is.

import (
	"log"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

func start(path string, attr *syscall.SysProcAttr) error { // want start:`starts a process: \(\*exec\.Cmd\)\.Start` start:"starts a process with the attributes of attr"
	cmd := exec.Command(path)
	cmd.SysProcAttr = attr
	return cmd.Start() // ok: the attributes are the caller's; its call is judged
}

type monitor struct{}

// Start starts the command its caller configured, where it is called.
func (m *monitor) Start(c *exec.Cmd) (<-chan error, error) { // want Start:`starts a goroutine: go statement` Start:`starts a process: \(\*exec\.Cmd\)\.Start` Start:"starts a process with the attributes of c"
	if err := c.Start(); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	return done, nil
}

// StartLocked starts it in a goroutine that locks its thread until the
// child is waited for, as go-runc's defaultMonitor.StartLocked does.
func (m *monitor) StartLocked(c *exec.Cmd) (<-chan error, error) { // want StartLocked:`starts a goroutine that locks its thread: go statement` StartLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	started, done := make(chan error), make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := c.Start(); err != nil { // ok: locked until the child is waited for
			started <- err
			return
		}
		close(started)
		done <- c.Wait()
	}()
	return done, <-started
}

func run(cmd *exec.Cmd) error { return cmd.Run() } // want run:`starts a process: \(\*exec\.Cmd\)\.Run` run:"starts a process with the attributes of cmd"

// runAll hands the command on to run: a helper of a helper.
func runAll(cmds ...*exec.Cmd) error { // want runAll:`starts a process with the attributes of cmds` runAll:`starts a process: \(\*exec\.Cmd\)\.Run`
	for _, c := range cmds {
		if err := run(c); err != nil {
			return err
		}
	}
	return nil
}

func runOne(cmd *exec.Cmd) error { // want runOne:`starts a process: \(\*exec\.Cmd\)\.Run` runOne:"starts a process with the attributes of cmd"
	return run(cmd) // ok: a helper's parameter; its callers are judged
}

func spawn(path string, pa *os.ProcAttr) (*os.Process, error) { // want spawn:`starts a process: os\.StartProcess` spawn:"starts a process with the attributes of pa"
	return os.StartProcess(path, []string{path}, pa)
}

// startLocked locks the thread itself.
func startLocked(path string, attr *syscall.SysProcAttr) error { // want startLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command(path)
	cmd.SysProcAttr = attr
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

// startTool logs the attributes and starts another process.
func startTool(attr *syscall.SysProcAttr) error { // want startTool:`starts a process: \(\*exec\.Cmd\)\.Run`
	log.Printf("attributes: %+v", attr)
	return exec.Command("tool").Run()
}

var m = &monitor{}

func Attrs() error { // want Attrs:`starts a process: \(\*exec\.Cmd\)\.Start`
	return start("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // want `^call of start starts a process with Pdeathsig from a goroutine not locked to its thread`
}

func Monitored() error { // want Monitored:`starts a goroutine: go statement` Monitored:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	_, err := m.Start(cmd) // want `^call of Start starts a process with Pdeathsig from a goroutine not locked`
	return err
}

func MonitoredLocked() error { // want MonitoredLocked:`starts a goroutine that locks its thread: go statement` MonitoredLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	_, err := m.StartLocked(cmd) // ok: started on a locked thread
	return err
}

func Chained() error { // want Chained:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return runAll(cmd) // want `^call of runAll starts a process with Pdeathsig`
}

func Spawned() error { // want Spawned:`starts a process: os\.StartProcess`
	_, err := spawn("/bin/sleep", &os.ProcAttr{Sys: &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}}) // want `^call of spawn starts a process with Pdeathsig`
	return err
}

// Signal sets Pdeathsig from a parameter that may be non-zero.
func Signal(sig syscall.Signal) error { // want Signal:`starts a process: \(\*exec\.Cmd\)\.Start`
	return start("sleep", &syscall.SysProcAttr{Pdeathsig: sig}) // want `^call of start starts a process with Pdeathsig`
}

var deathSignal = syscall.SIGTERM

// Configured sets it from a package-level variable.
func Configured() error { // want Configured:`starts a process: \(\*exec\.Cmd\)\.Start`
	attr := &syscall.SysProcAttr{Setsid: true}
	attr.Pdeathsig = deathSignal
	return start("sleep", attr) // want `^call of start starts a process with Pdeathsig`
}

func Locked() error { // want Locked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return start("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // ok: locked around the call
}

// lockedCaller locks the thread around the call of a function that calls
// the helper.
func lockedCaller() error { // want lockedCaller:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return startDying()
}

func startDying() error { // want startDying:`starts a process: \(\*exec\.Cmd\)\.Start`
	return start("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // ok: its only caller locks the thread
}

func SelfLocked() error { // want SelfLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	return startLocked("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // ok: the helper locks the thread
}

func NoDeathsig() error { // want NoDeathsig:`starts a process: \(\*exec\.Cmd\)\.Start`
	return start("sleep", &syscall.SysProcAttr{Setpgid: true}) // ok: no Pdeathsig
}

func ZeroDeathsig() error { // want ZeroDeathsig:`starts a process: \(\*exec\.Cmd\)\.Start`
	return start("sleep", &syscall.SysProcAttr{Pdeathsig: 0}) // ok: sets nothing
}

func Tool() error { // want Tool:`starts a process: \(\*exec\.Cmd\)\.Run`
	return startTool(&syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // ok: the helper starts another process
}

// Other sets Pdeathsig on a command it does not hand on.
func Other() error { // want Other:`starts a process: \(\*exec\.Cmd\)\.Run`
	dying, plain := exec.Command("a"), exec.Command("b")
	dying.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	_ = dying
	return run(plain) // ok: the attributes are another command's
}

// A Config carries the attributes to a runner, as a plugin client's
// configuration carries its command.
type Config struct {
	Path        string
	SysProcAttr *syscall.SysProcAttr
}

func runConfig(c Config) error { // want runConfig:`starts a process with the attributes of c` runConfig:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command(c.Path)
	cmd.SysProcAttr = c.SysProcAttr
	return cmd.Run()
}

func FromConfig() error { // want FromConfig:`starts a process: \(\*exec\.Cmd\)\.Run`
	return runConfig(Config{Path: "sleep", SysProcAttr: &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}}) // want `^call of runConfig starts a process with Pdeathsig`
}

func FromPlainConfig() error { // want FromPlainConfig:`starts a process: \(\*exec\.Cmd\)\.Run`
	return runConfig(Config{Path: "sleep", SysProcAttr: &syscall.SysProcAttr{Setsid: true}}) // ok: no Pdeathsig
}

// MethodValue calls the monitor's Start through a method value: the
// receiver is bound, the command is the first argument.
func MethodValue() error {
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	startCmd := m.Start
	_, err := startCmd(cmd) // want `^call of Start starts a process with Pdeathsig`
	return err
}

// Captured starts, in a goroutine, the command its function configured.
func Captured() { // want Captured:`starts a goroutine: go statement` Captured:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	go func() {
		cmd.Run() // want `^\(\*exec.Cmd\).Run starts a process with Pdeathsig`
	}()
}

// CapturedLocked locks the goroutine's thread first, as moby's supervisor
// does.
func CapturedLocked() { // want CapturedLocked:`starts a goroutine that locks its thread: go statement` CapturedLocked:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		cmd.Run() // ok: locked until the child is waited for
	}()
}

// CapturedPlain configures another command than the one it captures.
func CapturedPlain() { // want CapturedPlain:`starts a goroutine: go statement` CapturedPlain:`starts a process: \(\*exec\.Cmd\)\.Run`
	dying, plain := exec.Command("a"), exec.Command("b")
	dying.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	_ = dying
	go func() {
		plain.Run() // ok: not the configured command
	}()
}

// GoHelper hands the command to a helper in a new goroutine.
func GoHelper() { // want GoHelper:`starts a goroutine: go statement` GoHelper:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	go run(cmd) // want `^call of run starts a process with Pdeathsig`
}
