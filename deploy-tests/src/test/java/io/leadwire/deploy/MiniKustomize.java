package io.leadwire.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features k8s/
 * uses and no more: {@code resources} (files and directories), {@code namespace},
 * {@code images} ({@code newName}/{@code newTag}), {@code replicas} and inline JSON 6902
 * {@code patches} ({@code replace}/{@code add}) by kind and name. It lets the manifest
 * checks run where no kubectl is installed (it is no Debian or Maven Central package
 * here); where kubectl is, the tests check both render the same objects.
 */
final class MiniKustomize {

	private MiniKustomize() {
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> render(Path directory) {
		Map<String, Object> kustomization = load(directory.resolve("kustomization.yaml")).get(0);
		List<Map<String, Object>> objects = new ArrayList<>();
		for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
			Path path = directory.resolve(resource).normalize();
			objects.addAll(Files.isDirectory(path) ? render(path) : load(path));
		}
		Object namespace = kustomization.get("namespace");
		for (Map<String, Object> object : objects) {
			if (namespace != null) {
				((Map<String, Object>) object.get("metadata")).put("namespace", namespace);
			}
			if ("Deployment".equals(object.get("kind"))) {
				images(object, (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of()));
				for (Map<String, Object> replicas : (List<Map<String, Object>>) kustomization.getOrDefault("replicas",
						List.of())) {
					if (replicas.get("name").equals(name(object))) {
						((Map<String, Object>) object.get("spec")).put("replicas", replicas.get("count"));
					}
				}
			}
		}
		for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
			Map<String, Object> target = (Map<String, Object>) patch.get("target");
			List<Map<String, Object>> operations = new Yaml().load((String) patch.get("patch"));
			objects.stream()
				.filter((object) -> object.get("kind").equals(target.get("kind")))
				.filter((object) -> !target.containsKey("name") || target.get("name").equals(name(object)))
				.forEach((object) -> operations.forEach((operation) -> apply(object, operation)));
		}
		return objects;
	}

	@SuppressWarnings("unchecked")
	private static void images(Map<String, Object> deployment, List<Map<String, Object>> images) {
		Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
			.get("spec")).get("template")).get("spec");
		for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
			String image = (String) container.get("image");
			String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
			for (Map<String, Object> rule : images) {
				if (rule.get("name").equals(repository)) {
					String tag = (String) rule.getOrDefault("newTag", image.substring(repository.length() + 1));
					container.put("image", rule.getOrDefault("newName", repository) + ":" + tag);
				}
			}
		}
	}

	/** A JSON 6902 replace or add at a JSON pointer. */
	@SuppressWarnings("unchecked")
	private static void apply(Map<String, Object> object, Map<String, Object> operation) {
		String[] steps = ((String) operation.get("path")).substring(1).split("/");
		Object node = object;
		for (int i = 0; i < steps.length - 1; i++) {
			node = (node instanceof List<?> list) ? list.get(Integer.parseInt(steps[i]))
					: ((Map<String, Object>) node).get(steps[i]);
		}
		String last = steps[steps.length - 1];
		String op = (String) operation.get("op");
		if (!op.equals("replace") && !op.equals("add")) {
			throw new IllegalArgumentException("patch op " + op + " is not supported here");
		}
		if (node instanceof List<?> list) {
			((List<Object>) list).set(Integer.parseInt(last), operation.get("value"));
		}
		else {
			((Map<String, Object>) node).put(last, operation.get("value"));
		}
	}

	@SuppressWarnings("unchecked")
	static String name(Map<String, Object> object) {
		return (String) ((Map<String, Object>) object.get("metadata")).get("name");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> load(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		try {
			for (Object document : new Yaml().loadAll(Files.readString(file))) {
				if (document != null) {
					documents.add((Map<String, Object>) document);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

}
