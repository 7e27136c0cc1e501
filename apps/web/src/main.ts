import "./styles.css";
import "./pages/index.ts";
import "./pages/extensions.ts";
import { boot } from "./shell/boot.ts";

void boot();
