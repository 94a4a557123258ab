package vars // want package:"starts processes; sets thread attributes; leaves thread state"

// Attributes kept in package-level variables and assigned to the command
// that a function starts: redpanda's rpk (var defaultSysProcAttr =
// &unix.SysProcAttr{Pdeathsig: unix.SIGTERM, Setpgid: true}, then
// cmd.SysProcAttr = defaultSysProcAttr).

import (
	"log"
	"os/exec"
	"runtime"
	"syscall"
)

var defaultSysProcAttr = &syscall.SysProcAttr{
	Pdeathsig: syscall.SIGTERM, // the child dies with the thread
	Setpgid:   true,
}

var byValue = syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}

var plain = &syscall.SysProcAttr{Setpgid: true}

var template *exec.Cmd

func init() {
	template = exec.Command("helper")
	template.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// Run starts the command from whatever goroutine calls it.
func Run(name string) error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(name)
	cmd.SysProcAttr = defaultSysProcAttr
	return cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked to its thread`
}

// RunValue takes the address of a variable.
func RunValue(name string) error { // want RunValue:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command(name)
	cmd.SysProcAttr = &byValue
	return cmd.Run() // want `^\(\*exec.Cmd\).Run starts a process with Pdeathsig`
}

// RunTemplate starts the command that init built.
func RunTemplate() error { // want RunTemplate:`starts a process: \(\*exec\.Cmd\)\.Start`
	return template.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// RunLocked locks its thread first.
func RunLocked(name string) error { // want RunLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command(name)
	cmd.SysProcAttr = defaultSysProcAttr
	return cmd.Start() // ok: locked
}

// RunLogged prints the variable and starts a command without it.
func RunLogged(name string) error { // want RunLogged:`starts a process: \(\*exec\.Cmd\)\.Run`
	log.Printf("default attributes: %+v", defaultSysProcAttr)
	return exec.Command(name).Run() // ok: the attributes are not the command's
}

// RunCleared copies the attributes and clears the field.
func RunCleared(name string) error { // want RunCleared:`starts a process: \(\*exec\.Cmd\)\.Run`
	a := *defaultSysProcAttr
	a.Pdeathsig = 0
	cmd := exec.Command(name)
	cmd.SysProcAttr = &a
	return cmd.Run() // ok: cleared
}

// RunPgid takes another field only.
func RunPgid(name string) error { // want RunPgid:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command(name)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: defaultSysProcAttr.Setpgid}
	return cmd.Run() // ok
}

// RunPlain uses a variable without a thread-bound attribute.
func RunPlain(name string) error { // want RunPlain:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(name)
	cmd.SysProcAttr = plain
	return cmd.Start() // ok
}

// command returns a command with the variable's attributes: its callers
// start it.
func command(name string) *exec.Cmd { // want command:`returns attributes with Pdeathsig set`
	cmd := exec.Command(name)
	cmd.SysProcAttr = defaultSysProcAttr
	return cmd
}

// configure sets them on its parameter.
func configure(cmd *exec.Cmd) { // want configure:`sets Pdeathsig through cmd`
	cmd.SysProcAttr = defaultSysProcAttr
}

// RunHelpers starts commands that the helpers set up.
func RunHelpers(name string) error { // want RunHelpers:`starts a process: \(\*exec\.Cmd\)\.Run`
	if err := command(name).Run(); err != nil { // want `^\(\*exec.Cmd\).Run starts a process with Pdeathsig`
		return err
	}
	cmd := exec.Command(name)
	configure(cmd)
	return cmd.Run() // want `^\(\*exec.Cmd\).Run starts a process with Pdeathsig`
}

// A command built whole in a package-level variable's initializer.
var dying = &exec.Cmd{Path: "/bin/sleep", SysProcAttr: &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}}

// RunDying starts it.
func RunDying() error { // want RunDying:`starts a process: \(\*exec\.Cmd\)\.Start`
	return dying.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// RunCopy copies the attributes and changes another field: the copy keeps
// Pdeathsig.
func RunCopy(name string) error { // want RunCopy:`starts a process: \(\*exec\.Cmd\)\.Start`
	a := *defaultSysProcAttr
	a.Setsid = true
	cmd := exec.Command(name)
	cmd.SysProcAttr = &a
	return cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// RunValueCopy copies a variable that holds the attributes themselves.
func RunValueCopy(name string) error { // want RunValueCopy:`starts a process: \(\*exec\.Cmd\)\.Start`
	a := byValue
	return start(name, &a) // want `^call of start starts a process with Pdeathsig`
}

func start(name string, attr *syscall.SysProcAttr) error { // want start:`starts a process with the attributes of attr` start:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(name)
	cmd.SysProcAttr = attr
	return cmd.Start()
}

// RunCopyLocked starts the copy on a locked thread.
func RunCopyLocked(name string) error { // want RunCopyLocked:`starts a process: \(\*exec\.Cmd\)\.Run`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	a := *defaultSysProcAttr
	cmd := exec.Command(name)
	cmd.SysProcAttr = &a
	return cmd.Run() // ok: locked
}

// RunPlainCopy copies attributes without a thread-bound one.
func RunPlainCopy(name string) error { // want RunPlainCopy:`starts a process: \(\*exec\.Cmd\)\.Run`
	a := *plain
	cmd := exec.Command(name)
	cmd.SysProcAttr = &a
	return cmd.Run() // ok: no Pdeathsig
}
